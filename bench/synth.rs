//! Synthetic ward sites for benchmarks: deterministic, realistic in size and
//! shape (30–90 KB pages, a full menu, a news sidebar, about 30 links a page,
//! inline scripts and styles as CMS pages carry), with each of the eight
//! required items present on some sites and missing on others.
//!
//! Shared by the bench kit (`bench/kit.rs`) and the criterion benches
//! (`benches/pages.rs`) through `#[path]`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The date the sites are written for; audit them `--as-of` this day.
pub const AS_OF: (i32, u32, u32) = (2026, 11, 20);

/// The eight items, in rule order, and where each lives.
pub const ITEMS: [(&str, &str, &str); 8] = [
    (
        "tthc-list",
        "Thủ tục hành chính",
        "/thu-tuc-hanh-chinh.html",
    ),
    (
        "receiving-staff",
        "Bộ phận một cửa",
        "/bo-phan-mot-cua.html",
    ),
    ("work-schedule", "Lịch công tác", "/lich-cong-tac.html"),
    ("org-structure", "Cơ cấu tổ chức", "/co-cau-to-chuc.html"),
    ("phone-directory", "Danh bạ điện thoại", "/danh-ba.html"),
    ("boundary-map", "Bản đồ hành chính", "/ban-do.html"),
    ("local-history", "Lịch sử hình thành", "/lich-su.html"),
    (
        "news-freshness",
        "Tin tức - Sự kiện",
        "/tin-tuc/trang-1.html",
    ),
];

/// A small deterministic generator (xorshift), so every run builds the
/// same sites.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Whether site `site` publishes item `item` (about four in five do).
#[must_use]
pub fn has_item(site: usize, item: usize) -> bool {
    (site * 7 + item * 3 + site / 5) % 5 != 0
}

const SENTENCES: [&str; 16] = [
    "Ủy ban nhân dân phường tổ chức hội nghị triển khai nhiệm vụ phát triển kinh tế - xã hội những tháng cuối năm.",
    "Đoàn công tác đã kiểm tra thực tế việc thu gom rác thải sinh hoạt tại các khu dân cư trên địa bàn.",
    "Hội nghị đã nghe báo cáo kết quả thực hiện công tác cải cách hành chính, chuyển đổi số và đề án 06.",
    "Các đồng chí lãnh đạo đề nghị các ban, ngành, đoàn thể tiếp tục tuyên truyền sâu rộng tới nhân dân.",
    "Phong trào toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư tiếp tục được duy trì hiệu quả.",
    "Công tác tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo được thực hiện đúng quy định của pháp luật.",
    "Lực lượng công an phường phối hợp với dân quân tổ chức tuần tra, bảo đảm an ninh trật tự trên địa bàn.",
    "Trạm y tế phường triển khai tiêm chủng mở rộng cho trẻ em dưới năm tuổi và phụ nữ có thai.",
    "Năm học mới, các trường trên địa bàn đã chuẩn bị đầy đủ cơ sở vật chất, sách giáo khoa cho học sinh.",
    "Hội Nông dân phối hợp tổ chức lớp tập huấn chuyển giao khoa học kỹ thuật trong sản xuất nông nghiệp.",
    "Ban Chỉ huy quân sự phường hoàn thành công tác sơ tuyển, khám sức khỏe nghĩa vụ quân sự năm nay.",
    "Mặt trận Tổ quốc phường vận động ủng hộ Quỹ Vì người nghèo, hỗ trợ xây dựng nhà đại đoàn kết.",
    "Công tác quản lý đất đai, trật tự xây dựng đô thị được tăng cường, xử lý kịp thời các vi phạm.",
    "Đoàn Thanh niên ra quân tình nguyện làm sạch đường làng, ngõ xóm, trồng cây xanh tại khu dân cư.",
    "Hội Liên hiệp Phụ nữ tổ chức tọa đàm về phòng, chống bạo lực gia đình và bình đẳng giới.",
    "Kết quả thu ngân sách nhà nước trên địa bàn đạt và vượt chỉ tiêu được giao trong kế hoạch năm.",
];

const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"];
const GIVEN: [&str; 12] = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Nam", "Tuấn",
];
const PROCEDURES: [&str; 10] = [
    "Đăng ký khai sinh",
    "Đăng ký kết hôn",
    "Đăng ký khai tử",
    "Chứng thực bản sao từ bản chính",
    "Chứng thực chữ ký",
    "Cấp giấy xác nhận tình trạng hôn nhân",
    "Đăng ký thường trú",
    "Đăng ký hoạt động tín ngưỡng",
    "Cấp giấy phép xây dựng nhà ở riêng lẻ",
    "Hòa giải tranh chấp đất đai",
];

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.pick(&FAMILY),
        rng.pick(&MIDDLE),
        rng.pick(&GIVEN)
    )
}

fn phone(rng: &mut Rng) -> String {
    format!(
        "09{}.{:03}.{:03}",
        rng.below(10),
        rng.below(1000),
        rng.below(1000)
    )
}

/// A date `days` before the sites' date, as dd/mm/yyyy and yyyy-mm-dd.
fn date_before(days: usize) -> (String, String) {
    // Days from the civil calendar, enough for a bench (no chrono here).
    let (y, m, d) = AS_OF;
    let mut ordinal = days_from_civil(y, m, d) - i64::try_from(days).unwrap_or(i64::MAX / 2);
    if ordinal < 0 {
        ordinal = 0;
    }
    let (y, m, d) = civil_from_days(ordinal);
    (format!("{d:02}/{m:02}/{y}"), format!("{y}-{m:02}-{d:02}"))
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// One generated site: path → (content type, body).
pub struct Site {
    pub name: String,
    pub files: BTreeMap<String, (&'static str, Vec<u8>)>,
}

/// Menu pages besides the eight items.
const OTHER_PAGES: [(&str, &str); 7] = [
    ("Giới thiệu", "/gioi-thieu.html"),
    ("Văn bản chỉ đạo", "/van-ban.html"),
    ("Công khai ngân sách", "/ngan-sach.html"),
    ("Quy hoạch - Kế hoạch", "/quy-hoach.html"),
    ("Hỏi đáp", "/hoi-dap.html"),
    ("Liên hệ", "/lien-he.html"),
    ("Sơ đồ trang", "/so-do.html"),
];

/// Articles per news list page.
const PER_LIST: usize = 20;

/// Builds site number `index` with about `pages` HTML pages.
#[must_use]
pub fn site(index: usize, pages: usize) -> Site {
    let mut rng = Rng::new(index as u64 + 1);
    let name = format!("Phường Thử Nghiệm {}", index + 1);
    let present: Vec<bool> = (0..ITEMS.len()).map(|k| has_item(index, k)).collect();
    let item_pages = present.iter().filter(|p| **p).count();
    // Home, item pages, then news lists and articles share the rest.
    let articles =
        pages.saturating_sub(1 + item_pages + OTHER_PAGES.len()) * PER_LIST / (PER_LIST + 1);
    let lists = articles.div_ceil(PER_LIST).max(1);
    let chrome = Chrome::new(&name, &present, articles, &mut rng);
    let mut files = BTreeMap::new();
    let mut put = |path: &str, html: String| {
        files.insert(
            path.to_owned(),
            ("text/html; charset=utf-8", html.into_bytes()),
        );
    };
    put(
        "/index.html",
        chrome.page("Trang chủ", &home(&mut rng), &mut rng),
    );
    for (k, (id, title, path)) in ITEMS.iter().enumerate() {
        if !present[k] || *id == "news-freshness" {
            continue;
        }
        let body = item_body(id, &name, &mut rng);
        put(path, chrome.page(title, &body, &mut rng));
    }
    for (label, path) in OTHER_PAGES {
        let mut body = format!("<h1>{label}</h1>");
        for _ in 0..3 {
            let _ = write!(body, "<p>{}</p>", rng.pick(&SENTENCES));
        }
        put(path, chrome.page(label, &body, &mut rng));
    }
    let fresh = present[7];
    for l in 0..lists {
        let mut body = String::from("<h1>Tin tức - Sự kiện</h1><ul class=\"news-list\">");
        for a in l * PER_LIST..((l + 1) * PER_LIST).min(articles) {
            let (shown, _) = date_before(article_age(a, fresh));
            let _ = write!(
                body,
                "<li><a href=\"/tin-tuc/{a}.html\">{}</a> <span class=\"date\">({shown})</span></li>",
                headline(a, &mut rng)
            );
        }
        body.push_str("</ul><div class=\"pager\">");
        for p in 0..lists {
            let _ = write!(
                body,
                "<a href=\"/tin-tuc/trang-{}.html\">{}</a> ",
                p + 1,
                p + 1
            );
        }
        body.push_str("</div>");
        put(
            &format!("/tin-tuc/trang-{}.html", l + 1),
            chrome.page("Tin tức - Sự kiện", &body, &mut rng),
        );
    }
    for a in 0..articles {
        let (shown, iso) = date_before(article_age(a, fresh));
        let title = headline(a, &mut rng);
        let mut body = format!(
            "<h1>{title}</h1><p class=\"date\">Ngày đăng: {shown}</p><meta itemprop=\"datePublished\" content=\"{iso}\">"
        );
        let paragraphs = 3 + rng.below(30);
        for _ in 0..paragraphs {
            body.push_str("<p>");
            for _ in 0..4 + rng.below(5) {
                body.push_str(rng.pick(&SENTENCES));
                body.push(' ');
            }
            body.push_str("</p>");
        }
        put(
            &format!("/tin-tuc/{a}.html"),
            chrome.page(&title, &body, &mut rng),
        );
    }
    files.insert(
        "/img/ban-do-hanh-chinh.jpg".into(),
        (
            "image/jpeg",
            vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
        ),
    );
    files.insert(
        "/robots.txt".into(),
        ("text/plain", b"User-agent: *\nDisallow: /admin/\n".to_vec()),
    );
    Site { name, files }
}

/// Days before the sites' date that article `a` was posted: recent posts on
/// a site that keeps its news current, a year old on one that does not.
fn article_age(a: usize, fresh: bool) -> usize {
    if fresh { a / 2 } else { 400 + a }
}

fn headline(a: usize, rng: &mut Rng) -> String {
    let topics = [
        "Hội nghị sơ kết công tác",
        "Ra quân vệ sinh môi trường",
        "Tập huấn chuyển đổi số",
        "Trao quà cho gia đình chính sách",
        "Kiểm tra an toàn thực phẩm",
        "Tuyên truyền phòng cháy chữa cháy",
    ];
    format!(
        "{} tại khu dân cư số {} (bài {a})",
        rng.pick(&topics),
        1 + rng.below(12)
    )
}

fn home(rng: &mut Rng) -> String {
    let mut body = String::from("<h1>Trang chủ</h1><div class=\"hot-news\">");
    for _ in 0..6 {
        let _ = write!(body, "<p>{}</p>", rng.pick(&SENTENCES));
    }
    body.push_str("</div>");
    body
}

fn item_body(id: &str, ward: &str, rng: &mut Rng) -> String {
    let mut b = String::new();
    match id {
        "tthc-list" => {
            b.push_str("<h1>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của UBND phường</h1><table><tr><th>STT</th><th>Tên thủ tục hành chính</th><th>Lĩnh vực</th></tr>");
            for i in 0..40 {
                let _ = write!(
                    b,
                    "<tr><td>{}</td><td>{} (mã {})</td><td>Hộ tịch</td></tr>",
                    i + 1,
                    PROCEDURES[i % PROCEDURES.len()],
                    1000 + i
                );
            }
            b.push_str("</table>");
        }
        "receiving-staff" => {
            b.push_str("<h1>Danh sách công chức tiếp nhận hồ sơ tại Bộ phận một cửa</h1><table>");
            for _ in 0..4 {
                let _ = write!(
                    b,
                    "<tr><td>Ông {}</td><td>Công chức Tư pháp - Hộ tịch, tiếp nhận hồ sơ lĩnh vực hộ tịch</td><td>{}</td></tr>",
                    person(rng),
                    phone(rng)
                );
            }
            b.push_str("</table>");
        }
        "work-schedule" => {
            b.push_str("<h1>Lịch công tác tuần của lãnh đạo UBND phường</h1><p>Giờ làm việc: Sáng từ 7h30 đến 11h30, chiều từ 13h30 đến 17h00, từ thứ Hai đến thứ Sáu.</p>");
            for d in 0..5 {
                let (shown, _) = date_before(d);
                let _ = write!(
                    b,
                    "<h3>Thứ {} ({shown})</h3><p>Sáng: 8h00 Chủ tịch UBND họp giao ban.</p><p>Chiều: 14h00 làm việc tại trụ sở.</p>",
                    6 - d
                );
            }
        }
        "org-structure" => {
            b.push_str("<h1>Cơ cấu tổ chức</h1><table>");
            let roles = [
                "Bí thư Đảng ủy",
                "Chủ tịch UBND phường",
                "Phó Chủ tịch UBND phường",
                "Công chức Văn phòng - Thống kê",
                "Công chức Địa chính - Xây dựng",
                "Công chức Tư pháp - Hộ tịch",
                "Công chức Văn hóa - Xã hội",
                "Chỉ huy trưởng Quân sự",
            ];
            for role in roles {
                let _ = write!(
                    b,
                    "<tr><td>Đồng chí {}</td><td>{role}</td></tr>",
                    person(rng)
                );
            }
            b.push_str("</table>");
        }
        "phone-directory" => {
            b.push_str("<h1>Danh bạ điện thoại</h1><table><tr><th>Họ và tên</th><th>Chức vụ</th><th>Điện thoại</th></tr>");
            for _ in 0..12 {
                let _ = write!(
                    b,
                    "<tr><td>{}</td><td>Cán bộ</td><td>{}</td></tr>",
                    person(rng),
                    phone(rng)
                );
            }
            b.push_str("</table>");
        }
        "boundary-map" => {
            let _ = write!(
                b,
                "<h1>Bản đồ hành chính</h1><p><img src=\"/img/ban-do-hanh-chinh.jpg\" alt=\"Bản đồ địa giới hành chính {ward}\"></p><p>Bản đồ địa giới hành chính {ward}, tỷ lệ 1:10.000.</p>"
            );
        }
        "local-history" => {
            b.push_str("<h1>Lịch sử hình thành và phát triển</h1>");
            for _ in 0..6 {
                b.push_str("<p>");
                for _ in 0..5 {
                    b.push_str("Vùng đất này có truyền thống cách mạng và văn hóa lâu đời, qua nhiều lần điều chỉnh địa giới hành chính. ");
                }
                b.push_str("</p>");
            }
        }
        _ => {}
    }
    b
}

/// What every page of a site shares: head, menu, sidebar, footer.
struct Chrome {
    head: String,
    menu: String,
    footer: String,
    articles: usize,
    name: String,
}

impl Chrome {
    fn new(name: &str, present: &[bool], articles: usize, rng: &mut Rng) -> Self {
        // Inline styles and scripts as CMS themes ship them: most of a real
        // page's weight.
        let mut head = String::from("<style>");
        for i in 0..260 {
            let _ = writeln!(
                head,
                ".mod-{i} .item-{} a{{color:#1f4e79;padding:{}px;margin:0 {}px;font-size:{}px}}",
                i % 17,
                i % 9,
                i % 5,
                11 + i % 6
            );
        }
        head.push_str("</style><script>");
        for i in 0..140 {
            let _ = writeln!(
                head,
                "window.__cfg{i}={{id:{i},lang:'vi',track:function(e){{return e&&e.target?e.target.href:null}}}};"
            );
        }
        head.push_str("</script>");
        let mut menu = String::from(
            "<nav id=\"menu\"><ul><li><a href=\"/index.html\">Trang chủ</a></li><li><a href=\"/gioi-thieu.html\">Giới thiệu</a><ul>",
        );
        for (k, (_, title, path)) in ITEMS.iter().enumerate() {
            if present[k] {
                let _ = write!(menu, "<li><a href=\"{path}\">{title}</a></li>");
            }
        }
        for (label, path) in OTHER_PAGES.iter().skip(1) {
            let _ = write!(menu, "<li><a href=\"{path}\">{label}</a></li>");
        }
        menu.push_str("</ul></li></ul></nav>");
        let footer = format!(
            "<footer><p>{}</p><p>Địa chỉ: số {} đường Trần Hưng Đạo. Điện thoại: 0220.38{:02}.{:03}. Email: ubnd@phuong.gov.vn</p><p>Bản quyền thuộc UBND {name}</p></footer>",
            name,
            1 + rng.below(200),
            rng.below(100),
            rng.below(1000)
        );
        Self {
            head,
            menu,
            footer,
            articles,
            name: name.to_owned(),
        }
    }

    fn page(&self, title: &str, body: &str, rng: &mut Rng) -> String {
        let mut sidebar = String::from("<aside><h3>Tin mới</h3><ul>");
        for _ in 0..8 {
            if self.articles == 0 {
                break;
            }
            let a = rng.below(self.articles);
            let _ = write!(
                sidebar,
                "<li><a href=\"/tin-tuc/{a}.html\">Tin bài số {a}</a></li>"
            );
        }
        sidebar.push_str("</ul></aside>");
        format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{title} - {}</title>{}</head><body><header><h2>ỦY BAN NHÂN DÂN {}</h2></header>{}<main id=\"content\">{body}</main>{sidebar}{}</body></html>",
            self.name,
            self.head,
            self.name.to_uppercase(),
            self.menu,
            self.footer
        )
    }
}

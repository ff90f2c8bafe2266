//! Vietnamese phone numbers in the forms ward sites print them.
//!
//! `(024) 35123536`, `(0220) 3891 888`, `0220.3882.123`, `(+84-28) 38 653
//! 050`, `+84 912 345 678`, mobiles `0912.345.678`, `088.8800.247`. Each is
//! reduced to its national digits (`02203882123`) so the same number written
//! two ways counts once. Landlines (`02…`) have 11 digits, mobiles 10; old
//! 11-digit mobiles (`01…`) are still printed on neglected pages. Short
//! hotlines (`1022`) are not numbers of people and are not extracted.

/// One phone number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneHit {
    /// National form, digits only, leading `0`.
    pub number: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

/// Every phone number in `text`, in order.
#[must_use]
pub fn find_phones(text: &str) -> Vec<PhoneHit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    // Every number starts with one of three bytes; the text between is skipped.
    while let Some(found) = memchr::memchr3(b'(', b'+', b'0', &bytes[i..]) {
        i += found;
        // Not inside a word, nor a dotted code ("1.010805.000.00.00.H17",
        // a procedure's number).
        let inside = i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || (bytes[i - 1] == b'.' && i > 1 && bytes[i - 2].is_ascii_digit()));
        if !inside {
            if let Some(hit) = scan(bytes, i) {
                i = hit.end;
                hits.push(hit);
                continue;
            }
        }
        i += 1;
    }
    hits
}

/// Tries to read one number starting at `start`.
fn scan(bytes: &[u8], start: usize) -> Option<PhoneHit> {
    let mut i = start;
    if bytes[i] == b'(' {
        i += 1;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let mut digits = String::with_capacity(11);
    if bytes.get(i) == Some(&b'+') {
        i += 1;
        if bytes.get(i..i + 2) != Some(b"84") {
            return None;
        }
        i += 2;
        digits.push('0');
    } else if bytes.get(i) != Some(&b'0') {
        return None;
    }
    let mut target = None;
    let mut separator_run = 0;
    let mut end = i;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_digit() {
            // Inside +84, a 0 before the area code is sometimes written: skip it.
            if !(digits == "0" && b == b'0' && bytes[start..i].contains(&b'+')) {
                digits.push(b as char);
            }
            separator_run = 0;
            end = i + 1;
            if target.is_none() && digits.len() == 2 {
                target = Some(match digits.as_bytes()[1] {
                    b'1' | b'2' => 11,
                    b'3' | b'5' | b'7' | b'8' | b'9' => 10,
                    _ => return None,
                });
            }
            // Old 11-digit mobiles began 012, 016, 018 or 019.
            if digits.len() == 3
                && digits.as_bytes()[1] == b'1'
                && !matches!(digits.as_bytes()[2], b'2' | b'6' | b'8' | b'9')
            {
                return None;
            }
            if Some(digits.len()) == target {
                break;
            }
        } else if matches!(b, b' ' | b'.' | b'-' | b')' | b'(') && separator_run < 2 {
            separator_run += 1;
        } else {
            break;
        }
        i += 1;
    }
    let complete = target.is_some_and(|t| digits.len() == t);
    let followed_by_digit = bytes.get(end).is_some_and(u8::is_ascii_digit);
    (complete && !followed_by_digit).then_some(PhoneHit {
        number: digits,
        start,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        find_phones(text).into_iter().map(|h| h.number).collect()
    }

    #[test]
    fn glossary_formats() {
        assert_eq!(numbers("(024) 35123536"), ["02435123536"]);
        assert_eq!(numbers("(024)35123536"), ["02435123536"]);
        assert_eq!(numbers("(0220) 3891 888"), ["02203891888"]);
        assert_eq!(numbers("ĐT: 0220.3882.123."), ["02203882123"]);
        assert_eq!(numbers("(+84-28) 38 653 050"), ["02838653050"]);
        assert_eq!(numbers("+84 912 345 678"), ["0912345678"]);
        assert_eq!(numbers("088.8800.247"), ["0888800247"]);
        assert_eq!(numbers("0912345678"), ["0912345678"]);
    }

    #[test]
    fn adjacent_numbers_stay_apart() {
        assert_eq!(
            numbers("0912.345.678 - 0987.654.321, 0220 3882 456"),
            ["0912345678", "0987654321", "02203882456"]
        );
        assert_eq!(
            numbers("0912345678 0987654321"),
            ["0912345678", "0987654321"]
        );
    }

    #[test]
    fn ignores_dates_codes_and_hotlines() {
        assert!(numbers("04/11/2022 09:54:43").is_empty());
        assert!(numbers("Đường dây nóng 1022").is_empty());
        assert!(numbers("Mã hồ sơ 000.00.12.H23-221011-0001").is_empty());
        assert!(numbers("Số lượt xem: 0123456789012").is_empty());
        // Procedure codes, whole and cut at a dot.
        assert!(numbers("18 | 1.010805.000.00.00.H17 | Công nhận hộ nghèo").is_empty());
        assert!(numbers("2.002165.000.00.00.H42").is_empty());
        assert!(numbers("3.091234.0000.H17").is_empty());
        assert!(numbers("mã 010805.000.00.00").is_empty());
        // Old mobiles are still read.
        assert_eq!(numbers("DĐ: 0168.123.4567"), ["01681234567"]);
        assert_eq!(numbers("Tel.0912345678"), ["0912345678"]);
    }
}

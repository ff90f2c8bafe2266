//! Questions asked of every byte of a text, a block at a time.
//!
//! Reading a page's text byte by byte (is it NFC? where are its spaces? may
//! it state office hours?) cost several instructions a byte. Asked of a block
//! of bytes with no early exit inside it, the same question compiles to
//! vector instructions, and the byte-by-byte reading is left for the few
//! blocks where the answer is yes.

/// The bytes asked about at once.
pub const BLOCK: usize = 32;

/// Whether `hit(byte, next byte, the byte after)` holds for some byte of
/// `bytes` (0 stands for the bytes past the end). Blocks of `BLOCK` bytes
/// are asked without stopping inside one, which the compiler turns into
/// vector instructions: a few instructions a block instead of several a
/// byte, on text that is mostly letters.
#[inline]
pub fn any_byte(bytes: &[u8], hit: impl Fn(u8, u8, u8) -> bool + Copy) -> bool {
    let i = quiet_blocks(bytes, 0, hit);
    let at = |k: usize| bytes.get(k).copied().unwrap_or(0);
    (i..bytes.len()).any(|k| hit(bytes[k], at(k + 1), at(k + 2)))
}

/// Passes over the blocks from `from` on in which `hit` holds for no byte;
/// returns where the first block with a hit starts, or where too few bytes
/// are left for a block (two more are needed for `hit`'s look ahead).
#[inline]
fn quiet_blocks(bytes: &[u8], from: usize, hit: impl Fn(u8, u8, u8) -> bool) -> usize {
    let mut i = from;
    while i + BLOCK + 2 <= bytes.len() {
        let w = &bytes[i..i + BLOCK + 2];
        let mut found = false;
        for j in 0..BLOCK {
            found |= hit(w[j], w[j + 1], w[j + 2]);
        }
        if found {
            break;
        }
        i += BLOCK;
    }
    i
}

/// For a loop that reads a text byte by byte: passes over the quiet blocks
/// ahead, and once a block with a hit is found, leaves its bytes to the
/// loop.
#[derive(Debug, Default)]
pub struct QuietBlocks {
    /// Bytes before this are in a block with a hit: read one by one.
    one_by_one: usize,
}

impl QuietBlocks {
    /// Where the loop at `i` goes on: past the quiet blocks from `i`, or `i`
    /// itself inside a block with a hit.
    #[inline]
    pub fn pass(&mut self, bytes: &[u8], i: usize, hit: impl Fn(u8, u8, u8) -> bool) -> usize {
        if i < self.one_by_one {
            return i;
        }
        let to = quiet_blocks(bytes, i, hit);
        self.one_by_one = to + BLOCK;
        to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hit on the byte 1 when the byte after it is 2: the look ahead
    /// crosses block ends.
    fn one_then_two(b: u8, next: u8, _: u8) -> bool {
        b == 1 && next == 2
    }

    #[test]
    fn a_hit_is_found_wherever_it_is_and_blocks_stop_before_it() {
        for len in 0..3 * BLOCK + 5 {
            let mut bytes = vec![0u8; len];
            assert!(!any_byte(&bytes, one_then_two));
            for at in 0..len.saturating_sub(1) {
                bytes[at] = 1;
                assert!(!any_byte(&bytes, one_then_two), "1 alone at {at}");
                bytes[at + 1] = 2;
                assert!(any_byte(&bytes, one_then_two), "{len} bytes, hit at {at}");
                let stop = quiet_blocks(&bytes, 0, one_then_two);
                assert!(stop <= at && stop % BLOCK == 0, "{len} bytes, hit at {at}");
                // A byte-by-byte loop that passes over quiet blocks reads it.
                let (mut quiet, mut i, mut read) = (QuietBlocks::default(), 0, false);
                while i < len {
                    i = quiet.pass(&bytes, i, one_then_two);
                    read |= i == at;
                    i += 1;
                }
                assert!(read, "{len} bytes, hit at {at}");
                bytes[at] = 0;
                bytes[at + 1] = 0;
            }
        }
    }
}

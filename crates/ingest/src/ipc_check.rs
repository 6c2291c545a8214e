//! Bounds of an Arrow IPC file or stream checked before it is decoded: every message, body and
//! buffer must lie inside the bytes there are. The decoder trusts the lengths it reads and
//! allocates what they say, so a corrupt length would otherwise abort the process.

use arrow_ipc::{root_as_footer, root_as_message, Message, RecordBatch};

/// Checks an Arrow IPC file (`ARROW1` magic) or stream held in `bytes`.
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.starts_with(b"ARROW1") {
        check_file(bytes)
    } else {
        check_stream(bytes, 0).map(|_| ())
    }
}

/// The file format: the footer's blocks must lie in the file, and each block's message too.
fn check_file(bytes: &[u8]) -> Result<(), String> {
    let len = bytes.len();
    if len < 18 || !bytes.ends_with(b"ARROW1") {
        return Err("Arrow IPC file without its closing magic: cut short?".into());
    }
    let footer_len = i32::from_le_bytes(bytes[len - 10..len - 6].try_into().unwrap_or_default());
    let footer_len = usize::try_from(footer_len).map_err(|_| "negative footer length")?;
    let footer_start = (len - 10)
        .checked_sub(footer_len)
        .ok_or("footer longer than the file")?;
    let footer = root_as_footer(&bytes[footer_start..len - 10])
        .map_err(|e| format!("unreadable footer: {e}"))?;
    let blocks = footer
        .recordBatches()
        .into_iter()
        .flatten()
        .chain(footer.dictionaries().into_iter().flatten());
    for block in blocks {
        let start = usize::try_from(block.offset()).map_err(|_| "negative block offset")?;
        let meta = usize::try_from(block.metaDataLength()).map_err(|_| "negative block length")?;
        let body = usize::try_from(block.bodyLength()).map_err(|_| "negative block length")?;
        let end = start
            .checked_add(meta)
            .and_then(|x| x.checked_add(body))
            .filter(|&end| end <= footer_start)
            .ok_or("a record batch lies outside the file")?;
        check_stream(&bytes[start..end], 1)?;
    }
    Ok(())
}

/// A sequence of messages, each `[0xFFFFFFFF] length metadata body`, up to `limit` of them
/// (0: until the end-of-stream marker or the end). Returns the bytes read.
fn check_stream(bytes: &[u8], limit: usize) -> Result<usize, String> {
    let mut at = 0usize;
    let mut seen = 0usize;
    while at + 4 <= bytes.len() && (limit == 0 || seen < limit) {
        let mut word = i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
        at += 4;
        if word == -1 {
            if at + 4 > bytes.len() {
                return Err("message cut short".into());
            }
            word = i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
            at += 4;
        }
        if word == 0 {
            break;
        }
        let meta = usize::try_from(word).map_err(|_| "negative message length")?;
        let meta_end = at
            .checked_add(meta)
            .filter(|&e| e <= bytes.len())
            .ok_or("message longer than the data")?;
        let message = root_as_message(&bytes[at..meta_end])
            .map_err(|e| format!("unreadable message: {e}"))?;
        let body = usize::try_from(message.bodyLength()).map_err(|_| "negative body length")?;
        let body_end = meta_end
            .checked_add(body)
            .filter(|&e| e <= bytes.len())
            .ok_or("message body longer than the data")?;
        check_buffers(&message, body)?;
        at = body_end;
        seen += 1;
    }
    Ok(at)
}

/// A record or dictionary batch's buffers must lie in its body, and its arrays may not claim
/// more values than the body could hold (one bit each).
fn check_buffers(message: &Message, body: usize) -> Result<(), String> {
    let batch: Option<RecordBatch> = message
        .header_as_record_batch()
        .or_else(|| message.header_as_dictionary_batch().and_then(|d| d.data()));
    let Some(batch) = batch else {
        return Ok(());
    };
    let most_values = (body as u64).saturating_mul(8).saturating_add(64);
    let too_long = |n: i64| u64::try_from(n).map_or(true, |n| n > most_values);
    if too_long(batch.length()) {
        return Err("a record batch claims more rows than its data holds".into());
    }
    for node in batch.nodes().into_iter().flatten() {
        if too_long(node.length()) || too_long(node.null_count()) {
            return Err("an array claims more values than its data holds".into());
        }
    }
    for buffer in batch.buffers().into_iter().flatten() {
        let end = u64::try_from(buffer.offset())
            .ok()
            .zip(u64::try_from(buffer.length()).ok())
            .and_then(|(o, l)| o.checked_add(l));
        if end.is_none_or(|end| end > body as u64) {
            return Err("a buffer lies outside its message body".into());
        }
    }
    Ok(())
}

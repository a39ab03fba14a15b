//! What the HTML report and the served page share: one style sheet, one small script (tables filtered and
//! sorted in place; everything works without it), and the Content-Security-Policy that allows exactly
//! those two by their SHA-256 hashes and nothing else: no other script, no external asset, no inline
//! event handler. Markup is built with `maud`, which escapes every value it is given: text taken from a
//! page (`<script>`, `<img onerror=…>`, `javascript:` links) can only ever show as text.

use std::sync::OnceLock;

use sha2::{Digest, Sha256};

/// The style sheet: readable on a phone (one column, large tap targets), no external font.
pub const STYLE: &str = r#"
:root{--fg:#1d232a;--muted:#5b6570;--line:#d5dbe1;--bg:#fff;--soft:#f3f5f7;--ok:#1a7f37;--caution:#9a6700;--danger:#c62828;--accent:#0b57d0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:70rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
.muted{color:var(--muted)}.small{font-size:.875rem}
nav.lang{float:right}nav.lang a{margin-left:.5rem}
form textarea{width:100%;min-height:7rem;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:.4rem}
form .row{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin-top:.5rem}
form input[type=text]{font:inherit;padding:.4rem;width:5rem;border:1px solid var(--line);border-radius:.4rem}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.4rem;background:var(--accent);color:#fff}
.answer{border:1px solid var(--line);border-radius:.6rem;padding:.75rem 1rem;margin:1rem 0}
.answer h2{border:0;margin:.25rem 0;font-size:1.3rem;word-break:break-all}
.verdict{font-weight:700;padding:.15rem .5rem;border-radius:.3rem;display:inline-block}
.v-ok{background:#dafbe1;color:var(--ok)}.v-caution{background:#fff8c5;color:var(--caution)}.v-danger{background:#ffebe9;color:var(--danger)}
.error{border-left:4px solid var(--danger);padding:.5rem 1rem;background:#fff5f5}
ul{padding-left:1.25rem}li{margin:.2rem 0;overflow-wrap:anywhere}
a{overflow-wrap:anywhere;color:var(--accent)}td{overflow-wrap:anywhere}
.value{font-family:ui-monospace,"DejaVu Sans Mono",monospace;word-break:break-all}
.advice{background:var(--soft);padding:.5rem .75rem;border-radius:.4rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.figure{background:var(--soft);border-radius:.4rem;padding:.5rem .75rem}.figure b{display:block;font-size:1.4rem}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}
.wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:var(--soft);position:sticky;top:0}
th[data-sort]{cursor:pointer}
td.num{text-align:right;font-variant-numeric:tabular-nums}
input.filter{font:inherit;padding:.3rem .5rem;margin:.25rem 0;width:min(100%,24rem);border:1px solid var(--line);border-radius:.4rem}
.r-danger{color:var(--danger);font-weight:600}.r-caution{color:var(--caution)}.r-ok{color:var(--ok)}
"#;

/// Tables with `class="sortable"`: a filter box above each, and a click on a header sorts by that column
/// (numbers as numbers). Page content is only ever read as `textContent`, never written as markup.
pub const SCRIPT: &str = r#"
document.querySelectorAll('table.sortable').forEach(function(t){
  var body=t.tBodies[0]; if(!body) return;
  var f=document.createElement('input'); f.type='search'; f.className='filter';
  f.placeholder=t.getAttribute('data-filter')||'Filter'; f.setAttribute('aria-label',f.placeholder);
  t.parentNode.insertBefore(f,t);
  f.addEventListener('input',function(){
    var q=f.value.toLowerCase();
    Array.prototype.forEach.call(body.rows,function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});
  });
  Array.prototype.forEach.call(t.tHead.rows[0].cells,function(th,i){
    th.setAttribute('data-sort','');
    th.addEventListener('click',function(){
      var dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
      Array.prototype.forEach.call(t.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',dir===1?'ascending':'descending');
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(a,b){
        var x=a.cells[i]?a.cells[i].textContent.trim():'',y=b.cells[i]?b.cells[i].textContent.trim():'';
        var nx=parseFloat(x.replace(/,/g,'')),ny=parseFloat(y.replace(/,/g,''));
        if(!isNaN(nx)&&!isNaN(ny)&&/^[\d,.]+$/.test(x)&&/^[\d,.]+$/.test(y)) return (nx-ny)*dir;
        return x.localeCompare(y)*dir;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
"#;

/// `'sha256-…'` of `text`, as a CSP source expression.
fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648), as CSP hashes are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The Content-Security-Policy of every page hotline writes: nothing but the style sheet and the script
/// above (by hash), forms posted only to the page's own origin, no framing, no plugins.
pub fn content_security_policy() -> &'static str {
    static CSP: OnceLock<String> = OnceLock::new();
    CSP.get_or_init(|| {
        format!(
            "default-src 'none'; style-src {}; script-src {}; img-src data:; form-action 'self'; \
             base-uri 'none'; frame-ancestors 'none'",
            hash_source(STYLE),
            hash_source(SCRIPT)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // The SHA-256 of the empty string, as browsers write it in CSP hashes.
        assert_eq!(
            hash_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn the_policy_allows_only_our_script_and_style() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none'"));
        assert!(!csp.contains("unsafe"));
        assert_eq!(csp.matches("'sha256-").count(), 2);
    }
}

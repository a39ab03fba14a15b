"""Generates tests/cases/parity.jsonl: how libphonenumber (Python `phonenumbers`) reads example numbers.

For every region and number type with an example number, three inputs written the national way: the
example itself, one digit longer, one digit shorter. Each line records libphonenumber's verdict (valid?
E.164? type?), which `tests/parity.rs` compares with hotline's own parser. Regenerate with
`pip install phonenumbers==9.0.33 && python3 tests/tools/gen_parity.py > tests/cases/parity.jsonl`
(the version whose metadata the `phonenumber` crate 0.3.10 ships).
"""
import json

import phonenumbers as pn
from phonenumbers import PhoneNumberType as T

TYPES = {
    T.FIXED_LINE: "fixed_line", T.MOBILE: "mobile", T.TOLL_FREE: "toll_free",
    T.PREMIUM_RATE: "premium_rate", T.SHARED_COST: "shared_cost", T.VOIP: "voip",
    T.PERSONAL_NUMBER: "personal_number", T.PAGER: "pager", T.UAN: "uan", T.VOICEMAIL: "voicemail",
    T.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
}

for region in sorted(pn.SUPPORTED_REGIONS):
    for t in TYPES:
        ex = pn.example_number_for_type(region, t)
        if ex is None or t == T.FIXED_LINE_OR_MOBILE:
            continue
        national = pn.format_number(ex, pn.PhoneNumberFormat.NATIONAL)
        digits = "".join(c for c in national if c.isdigit())
        for variant, text in (("example", national), ("longer", national + "7"), ("shorter", digits[:-1])):
            try:
                n = pn.parse(text, region)
                valid = pn.is_valid_number(n)
            except pn.NumberParseException:
                valid = False
            line = {"region": region, "input": text, "variant": variant, "valid": valid}
            if valid:
                line["e164"] = pn.format_number(n, pn.PhoneNumberFormat.E164)
                line["type"] = TYPES.get(pn.number_type(n), "unknown")
            print(json.dumps(line, ensure_ascii=False))

#!/usr/bin/python3
"""Checks JSON written in Kombu 5.2 compatibility against Kombu 5.2's own encoder (Debian's python3-kombu).

  json_compat_peer.py   reads {"name": "<our JSON text>" | {"error": "..."}, ...} on stdin and prints one JSON
      object: {"kombu": version, "results": {name: {"ours", "ours_type", "expected", "equal"}}}, where "ours" is
      what kombu.utils.json.loads makes of our text (its Python type name in "ours_type"), "expected" what it
      makes of kombu.utils.json.dumps(value) for the same value built here (or {"error": exception type} when
      Kombu cannot encode it), and "equal" compares them.
"""
import datetime
import decimal
import json
import sys
import uuid

import kombu
from kombu.utils.json import dumps, loads


def corpus():
    """The values the C# test builds too, by the same names."""
    utc = datetime.timezone.utc
    minus530 = datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))
    return {
        'utc_datetime': datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc),
        'utc_datetime_micro': datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=utc),
        'offset_datetime': datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=minus530),
        'naive_datetime': datetime.datetime(2024, 2, 29, 13, 45, 30, 123456),
        'date': datetime.date(2020, 5, 17),
        'time': datetime.time(7, 8, 9, 10),
        'uuid': uuid.UUID('12345678-1234-5678-1234-567812345678'),
        'decimals': [decimal.Decimal('1.50'), decimal.Decimal('-0.0000001'), decimal.Decimal('0E-8'),
                     decimal.Decimal('12345678901234567890.123'), decimal.Decimal('100'),
                     decimal.Decimal('0.000001'), decimal.Decimal('1.2E-11')],
        'nested': {'when': [datetime.date(2021, 3, 4), uuid.UUID('00000000-0000-0000-0000-0000000000ff')],
                   'n': 1, 'eta': datetime.datetime(2030, 6, 7, 8, 9, 10, tzinfo=utc)},
        'bytes': b'raw bytes',
    }


def expected(value):
    try:
        return loads(dumps(value))
    except TypeError as exc:
        return {'error': type(exc).__name__}


def main():
    ours = json.load(sys.stdin)
    values = corpus()
    results = {}
    for name, text in ours.items():
        mine = text if isinstance(text, dict) else loads(text)
        theirs = expected(values[name])
        results[name] = {'ours': mine, 'ours_type': type(mine).__name__, 'expected': theirs, 'equal': mine == theirs}
    print(json.dumps({'kombu': kombu.__version__, 'results': results}))


if __name__ == '__main__':
    main()

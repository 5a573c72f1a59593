#!/usr/bin/python3
"""Shared serializer/compression test vectors, made with Kombu 5's own kombu.serialization and kombu.compression.

Usage (Debian's /usr/bin/python3 with python3-kombu, -yaml, -msgpack, -brotli, -zstandard):

  serialization_vectors.py encode   -> prints {"kombu": version, "cases": [...]} on stdout. Each case is one
      (serializer, compression) pair: content_type, content_encoding, compression (content type or null),
      payload (base64 of the wire body) and expected (a JSON description of what Kombu decodes it to).
  serialization_vectors.py decode   -> reads {"cases": [...]} (same fields, payloads written by another
      implementation) on stdin and prints {"results": [{"ok", "actual", "error"}...]}, one per case.

Descriptions: null/true/false/strings as themselves; {"int": "123"}, {"float": repr}, {"bytes": base64},
{"list"|"tuple"|"set"|"frozenset": [...]}, {"dict": [[k, v], ...]}, {"datetime"|"date"|"time": isoformat},
{"timedelta": [days, seconds, microseconds]}, {"decimal": str}, {"uuid": str}. Dict entries and set members are
sorted by their JSON text so that order never matters.
"""
import base64
import datetime
import decimal
import json
import pickle
import sys
import uuid

from kombu import compression
from kombu.serialization import dumps, loads, registry

COMPRESSIONS = [None, 'zlib', 'bzip2', 'lzma', 'brotli', 'zstd']
SERIALIZERS = [('json', None), ('yaml', None), ('msgpack', None),
               ('pickle', 0), ('pickle', 2), ('pickle', 4), ('pickle', 5)]


def corpus():
    """Values built at run time, each tried on its own with every serializer."""
    utc = datetime.timezone.utc
    minus530 = datetime.timezone(datetime.timedelta(hours=-5, minutes=-30))
    return {
        'none': None, 'true': True, 'false': False,
        'ints': [0, 1, -1, 127, 128, 255, 256, -32, -33, 65535, 65536, 2 ** 31 - 1, -2 ** 31, 2 ** 32,
                 2 ** 63 - 1, -2 ** 63],
        'uint64': 2 ** 64 - 1,
        'bigints': [2 ** 64, -2 ** 64 - 1, 10 ** 40, -(10 ** 40) + 7],
        'floats': [0.0, -0.0, 1.5, -2.25, 1e300, 5e-324, 0.1, 1e16, 123456789.123],
        'specials': [float('nan'), float('inf'), float('-inf')],
        'text': ['', 'plain', 'caf\u00e9', '\u4e2d\u6587', '\U0001F600 astral \U00010348', 'quote " and \\',
                 'line\nbreak\ttab', 'yes', '1.5', 'null', '- dash', 'a: b', ' padded '],
        'bytes': [b'', b'\x00\x01\xff binary', bytes(range(256))],
        'bytearray': bytearray(b'mutable'),
        'nested': {'a': [1, [2, [3, {'b': None}]]], 'c': {'d': {'e': 'deep'}}, 'unicode \u00e9': ['x']},
        'empty': [[], {}, ''],
        'tuple': (1, 'two', 3.0),
        'int_keys': {1: 'one', 2: 'two'},
        'set': {1, 2, 3},
        'frozenset': frozenset(['a', 'b']),
        'naive_dt': datetime.datetime(2024, 2, 29, 13, 45, 30, 123456),
        'utc_dt': datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc),
        'offset_dt': datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=minus530),
        'date': datetime.date(2020, 5, 17),
        'time': datetime.time(7, 8, 9, 10),
        'timedelta': [datetime.timedelta(days=-3, seconds=5, microseconds=7), datetime.timedelta(hours=36)],
        'decimal': [decimal.Decimal('3.14159'), decimal.Decimal('-0.5'), decimal.Decimal('12345678901234567890.123')],
        'uuid': uuid.UUID('12345678-1234-5678-9abc-def012345678'),
    }


def describe(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {'int': str(v)}
    if isinstance(v, float):
        return {'float': repr(v)}
    if isinstance(v, (bytes, bytearray)):
        return {'bytes': base64.b64encode(bytes(v)).decode()}
    if isinstance(v, list):
        return {'list': [describe(x) for x in v]}
    if isinstance(v, tuple):
        return {'tuple': [describe(x) for x in v]}
    if isinstance(v, dict):
        return {'dict': sorted(([describe(k), describe(x)] for k, x in v.items()), key=_key)}
    if isinstance(v, (set, frozenset)):
        kind = 'frozenset' if isinstance(v, frozenset) else 'set'
        return {kind: sorted((describe(x) for x in v), key=_key)}
    if isinstance(v, datetime.datetime):
        return {'datetime': v.isoformat()}
    if isinstance(v, datetime.date):
        return {'date': v.isoformat()}
    if isinstance(v, datetime.time):
        return {'time': v.isoformat()}
    if isinstance(v, datetime.timedelta):
        return {'timedelta': [v.days, v.seconds, v.microseconds]}
    if isinstance(v, decimal.Decimal):
        return {'decimal': str(v)}
    if isinstance(v, uuid.UUID):
        return {'uuid': str(v)}
    raise TypeError('cannot describe %r' % type(v))


def _key(d):
    return json.dumps(d, sort_keys=True)


def _diff(actual, expected):
    """The top-level entries that differ, as [key, actual, expected] triples (or the whole values)."""
    if not (isinstance(actual, dict) and 'dict' in actual and isinstance(expected, dict) and 'dict' in expected):
        return [actual, expected]
    mine = {_key(k): v for k, v in actual['dict']}
    theirs = {_key(k): v for k, v in expected['dict']}
    return [[k, mine.get(k), theirs.get(k)] for k in sorted(set(mine) | set(theirs))
            if _key(mine.get(k)) != _key(theirs.get(k))]


def serialize(value, name, protocol):
    if name == 'pickle' and protocol != 4:
        return 'application/x-python-serialize', 'binary', pickle.dumps(value, protocol=protocol)
    return dumps(value, serializer=name)


def encode():
    cases = []
    for name, protocol in SERIALIZERS:
        body = {}
        for key, value in corpus().items():
            try:
                ctype, enc, data = serialize({key: value}, name, protocol)
                loads(data, ctype, enc, accept=[ctype])
            except Exception:
                continue  # this serializer cannot carry the value: leave it out of its corpus
            body[key] = value
        ctype, enc, data = serialize(body, name, protocol)
        if isinstance(data, str):
            data = data.encode(enc)
        expected = describe(loads(data, ctype, enc, accept=[ctype]))
        for method in COMPRESSIONS:
            payload, ctype_c = (data, None) if method is None else compression.compress(data, method)
            cases.append({'serializer': name, 'protocol': protocol, 'content_type': ctype, 'content_encoding': enc,
                          'compression': ctype_c, 'keys': sorted(body), 'payload': base64.b64encode(payload).decode(),
                          'expected': expected})
    import kombu
    json.dump({'kombu': kombu.__version__, 'cases': cases}, sys.stdout)


def decode():
    results = []
    for case in json.load(sys.stdin)['cases']:
        try:
            data = base64.b64decode(case['payload'])
            if case.get('compression'):
                data = compression.decompress(data, case['compression'])
            actual = describe(loads(data, case['content_type'], case['content_encoding'], accept=[case['content_type']]))
            ok = _key(actual) == _key(case['expected'])
            results.append({'ok': ok, 'actual': None if ok else _diff(actual, case['expected']), 'error': None})
        except Exception as exc:  # report, do not crash: the test shows which case failed
            results.append({'ok': False, 'actual': None, 'error': '%s: %s' % (type(exc).__name__, exc)})
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    assert registry.name_to_type.get('yaml') and registry.name_to_type.get('msgpack'), 'python3-yaml/-msgpack missing'
    assert set(compression.encoders()) >= {'application/x-brotli', 'application/zstd', 'application/x-lzma'}, \
        'python3-brotli/-zstandard missing: kombu did not register every compression'
    {'encode': encode, 'decode': decode}[sys.argv[1]]()

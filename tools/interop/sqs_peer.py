#!/usr/bin/python3
"""kombu_peer.py for sqs:// URLs against an SQS emulator that speaks only the AWS JSON protocol (fauxqs).

  sqs_peer.py publish|consume|... sqs://KEY:SECRET@127.0.0.1:4566 ...   (the arguments of kombu_peer.py)

Debian's botocore 1.29 talks to SQS in the query protocol, which fauxqs does not serve (it routes form posts to
its SNS handler). Botocore 1.31+ uses the JSON protocol; this wrapper gives botocore 1.29 the same: it writes a
copy of botocore's own SQS service model switched to the JSON protocol into a cache directory, points
AWS_DATA_PATH at it, and runs kombu_peer.py. The cache directory is $KOMBU_BOTOCORE_SQS_JSON, else
$TMPDIR/kombu-botocore-sqs-json-<botocore version>. See services.md §5 (boto3, Python kombu sqs:// transport).
Needs Debian's python3-boto3 (tools/brokers/fauxqs.sh installs it).
"""
import json
import os
import shutil
import sys
import tempfile

MODEL = os.path.join("sqs", "2012-11-05")
XML_ONLY_KEYS = ("locationName", "flattened", "resultWrapper", "xmlNamespace")


def strip_xml_keys(node):
    """Removes the keys only the query/XML protocol reads, everywhere in a model tree."""
    if isinstance(node, dict):
        for key in XML_ONLY_KEYS:
            node.pop(key, None)
        for value in node.values():
            strip_xml_keys(value)
    elif isinstance(node, list):
        for value in node:
            strip_xml_keys(value)


def json_model_dir():
    """Returns a data directory holding botocore's SQS model switched to the JSON protocol, writing it once."""
    import botocore

    root = os.environ.get("KOMBU_BOTOCORE_SQS_JSON") or os.path.join(
        tempfile.gettempdir(), "kombu-botocore-sqs-json-" + botocore.__version__)
    target = os.path.join(root, MODEL)
    if os.path.exists(os.path.join(target, "service-2.json")):
        return root
    source = os.path.join(os.path.dirname(botocore.__file__), "data", MODEL)
    with open(os.path.join(source, "service-2.json"), encoding="utf-8") as stream:
        model = json.load(stream)
    if model["metadata"].get("protocol") != "json":
        model["metadata"].update({"protocol": "json", "jsonVersion": "1.0", "targetPrefix": "AmazonSQS",
                                  "awsQueryCompatible": {}})
        model["metadata"].pop("xmlNamespace", None)
        strip_xml_keys(model["shapes"])
        strip_xml_keys(model["operations"])
    # Build beside the target, then rename: concurrent peers never see a half-written model.
    os.makedirs(os.path.dirname(target), exist_ok=True)
    staging = tempfile.mkdtemp(dir=os.path.dirname(target))
    with open(os.path.join(staging, "service-2.json"), "w", encoding="utf-8") as stream:
        json.dump(model, stream)
    for name in os.listdir(source):
        if name != "service-2.json" and not os.path.isdir(os.path.join(source, name)):
            shutil.copy(os.path.join(source, name), os.path.join(staging, name))
    try:
        os.rename(staging, target)
    except OSError:  # another peer won the race; its copy is identical
        shutil.rmtree(staging, ignore_errors=True)
    return root


def main():
    try:
        os.environ["AWS_DATA_PATH"] = json_model_dir()
    except ImportError:
        sys.exit("sqs_peer.py needs boto3/botocore: run `bash tools/brokers/fauxqs.sh start` "
                 "(it installs Debian's python3-boto3)")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import kombu_peer

    kombu_peer.main()


if __name__ == "__main__":
    main()

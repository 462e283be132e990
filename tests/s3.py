"""
A real S3-compatible server for the tests: moto's server mode, started on a free loopback port
in this process, stopped at the end of the session. The code under test talks to it over HTTP
through django-storages and boto3, exactly as it would talk to a bucket in production.
"""

import contextlib
import json
import uuid

import boto3
from moto.server import ThreadedMotoServer

from invamed.settings import s3_media_storage

REGION = "us-east-1"


@contextlib.contextmanager
def s3_server():
    """The server's base URL while it runs."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def new_bucket(endpoint):
    """A bucket of its own for one test, whose objects anyone may read (the bucket policy the
    README asks for): its name."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)
    client.create_bucket(Bucket=name)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read))
    return name


def storages_for(settings, endpoint, bucket, **environ):
    """settings.STORAGES with the default storage in `bucket`, as settings.py configures it
    from the environment (MEDIA_S3_*)."""
    variables = {
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_REGION": REGION,
        "MEDIA_S3_ENDPOINT_URL": endpoint,
        "MEDIA_S3_ADDRESSING_STYLE": "path",
        **environ,
    }
    return {**settings.STORAGES, "default": s3_media_storage(variables)}

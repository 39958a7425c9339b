"""The sandbox as a real HTTPS server on 127.0.0.1, for clients nobody here wrote (the official HubSpot SDK,
simple-salesforce, a Pipedrive script from the spec). simple-salesforce only speaks https, so the server has a
self-signed certificate for 127.0.0.1 that the clients are told to trust."""

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crm_sandbox import Sandbox
from crm_sandbox.server import serve_in_thread


@pytest.fixture(scope="session")
def loopback_certificate(tmp_path_factory) -> tuple[str, str]:
    """(certfile, keyfile) of a self-signed certificate for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "crm-sandbox")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    certfile, keyfile = folder / "sandbox.pem", folder / "sandbox.key"
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return str(certfile), str(keyfile)


@pytest.fixture
def served(loopback_certificate):
    """An empty sandbox served over https on a free loopback port: (sandbox, running server, CA file)."""
    sandbox = Sandbox(seed=21)
    running = serve_in_thread(sandbox, port=0, tls=loopback_certificate)
    yield sandbox, running, loopback_certificate[0]
    running.shutdown()

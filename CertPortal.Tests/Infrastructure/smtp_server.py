"""A real SMTP server for CertPortal's tests: Debian's aiosmtpd on a loopback port, run by SmtpServer.cs.

Each message it takes is written to --out as NNNN.json ({mailFrom, rcptTos, data: base64 of the raw message}),
written under a temporary name and renamed, so the fixture never reads half a file.
Modes: plain; starttls (needs --cert/--key, refuses mail before STARTTLS); tls (needs --cert/--key, TLS from the
first byte, as on port 465); auth (needs --user/--password, refuses
other credentials with 535 and mail before AUTH).
"""
import argparse
import asyncio
import base64
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Keeper:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.out, f"{self.count:04d}.json")
        with open(name + ".tmp", "w") as f:
            json.dump({
                "mailFrom": envelope.mail_from,
                "rcptTos": envelope.rcpt_tos,
                "data": base64.b64encode(envelope.original_content or envelope.content).decode("ascii"),
            }, f)
        os.replace(name + ".tmp", name)
        return f"250 2.0.0 OK: queued as test-{self.count:04d}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "tls", "auth"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    context = None
    if args.mode in ("starttls", "tls"):
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
    if args.mode == "starttls":
        options = {"tls_context": context, "require_starttls": True}
    elif args.mode == "auth":
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword)
                  and auth_data.login == args.user.encode() and auth_data.password == args.password.encode())
            # handled=False: aiosmtpd answers a refusal itself with "535 5.7.8 Authentication credentials invalid".
            return AuthResult(success=ok, handled=False)
        # A lab server without TLS: AUTH over the plain connection is allowed here, and required.
        options = {"authenticator": authenticate, "auth_required": True, "auth_require_tls": False}

    handler = Keeper(args.out)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, hostname="localhost", ident="CertPortal test SMTP", **options), "127.0.0.1", args.port,
        ssl=context if args.mode == "tls" else None))
    print(f"listening on 127.0.0.1:{args.port} ({args.mode})", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()

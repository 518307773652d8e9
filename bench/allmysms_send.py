"""Send 100,000 recipients to the AllMySMS sandbox in batches, through the real
client over HTTP on 127.0.0.1, then measure what zeep costs against lxml alone
for the same envelopes.

    .venv/bin/python bench/allmysms_send.py [recipients] [batch size]
    ALLMYSMS_BENCH_RECIPIENTS=10000 .venv/bin/python bench/allmysms_send.py

Prints recipients/s, the process's peak memory (client and sandbox together),
and per batch: our checks, zeep's build, the sandbox's own work (it runs in this
process, under the same GIL), zeep's parse, and lxml's build and parse.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from lxml import etree
from requests import Response

from backoffice.providers.allmysms import AllMySMSClient, SmsRecipient
from backoffice.providers.allmysms.client import _soap_service
from backoffice.providers.allmysms.envelope import NSMAP, SOAP_ENV_NS, annotate
from backoffice.providers.allmysms.sandbox import DEMO_CLIENT_CODE, DEMO_PASS_CODE, AllMySMSSandbox
from backoffice.providers.sandbox import SandboxApp, SandboxContext, SandboxServer
from backoffice.providers.sandbox.app import Request

SEND_ENVIRON = {"REQUEST_METHOD": "POST", "PATH_INFO": "/soap/server.php"}
MESSAGE = "Bonjour #param_1#, -20% sur tout le magasin ce week-end avec le code #param_2#"


def recipients(count: int) -> list[SmsRecipient]:
    # 06 12 xx xx xx and onwards: all valid French mobiles; the last digit picks the
    # sandbox's simulated outcome, as for real traffic.
    return [SmsRecipient(f"06{12000000 + i:08d}", (f"Client{i}", f"C{i:06d}")) for i in range(count)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        action()
    return (time.perf_counter() - start) / repeat


def lxml_envelope(message_data: dict) -> bytes:
    """The same request, written with lxml alone."""
    root = etree.Element(f"{{{SOAP_ENV_NS}}}Envelope", nsmap={"soap-env": SOAP_ENV_NS, **NSMAP})
    method = etree.SubElement(etree.SubElement(root, f"{{{SOAP_ENV_NS}}}Body"), f"{{{NSMAP['ser']}}}sendSms")
    etree.SubElement(method, "clientCode").text = DEMO_CLIENT_CODE
    etree.SubElement(method, "passCode").text = DEMO_PASS_CODE
    data = etree.SubElement(method, "messageData")
    for name, value in message_data.items():
        if name != "sms":
            etree.SubElement(data, name).text = str(value)
    sms = etree.SubElement(data, "sms")
    for item in message_data["sms"]["item"]:
        node = etree.SubElement(sms, "item")
        etree.SubElement(node, "mobilePhone").text = item["mobilePhone"]
        params = etree.SubElement(node, "params")
        for param in item["params"]["item"]:
            etree.SubElement(params, "item").text = param
    annotate(method)
    return etree.tostring(root)


def lxml_parse(answer: bytes) -> list[tuple[str, str, str]]:
    ret = etree.fromstring(answer).find("{*}Body")[0].find("return")
    return [(i.findtext("mobilePhone"), i.findtext("id"), i.findtext("part")) for i in ret.find("ids")]


def compare_zeep_and_lxml(
    client: AllMySMSClient, batch: list[SmsRecipient], endpoint: str, batches: int, sandbox: AllMySMSSandbox
) -> dict:
    service = _soap_service(client.endpoint, client.timeout)
    zeep_client, binding = service._client, service._binding
    operation = binding.get("sendSms")

    def checks():
        return client._message_data(
            MESSAGE,
            batch,
            dynamic=None,
            lowcost=False,
            tpoa=None,
            date=None,
            campaign_name=None,
            cli_msg_id=None,
            mail_notif=False,
        )

    message_data, _ = checks()

    def zeep_build() -> bytes:
        envelope = zeep_client.create_message(
            service, "sendSms", clientCode=DEMO_CLIENT_CODE, passCode=DEMO_PASS_CODE, messageData=message_data
        )
        for plugin in zeep_client.plugins:
            envelope, _ = plugin.egress(envelope, {}, operation, {})
        return etree.tostring(envelope)

    request = zeep_build()
    answer = httpx.post(endpoint, content=request, headers={"Content-Type": "text/xml; charset=utf-8"}).content

    def zeep_parse():
        response = Response()
        response._content, response.status_code = answer, 200
        response.headers["Content-Type"] = "text/xml; charset=utf-8"
        return binding.process_reply(zeep_client, operation, response)

    repeat = max(3, min(batches, 20))
    return {
        "checks": timed(
            checks,
            repeat,
        ),
        "zeep build": timed(zeep_build, repeat),
        "sandbox handling": timed(lambda: sandbox.handle(Request(SEND_ENVIRON, request)), repeat),
        "zeep parse": timed(zeep_parse, repeat),
        "lxml build": timed(lambda: lxml_envelope(message_data), repeat),
        "lxml parse": timed(lambda: lxml_parse(answer), repeat),
        "request bytes": len(request),
        "answer bytes": len(answer),
    }


def main() -> None:
    total = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ALLMYSMS_BENCH_RECIPIENTS", 100_000))
    size = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("ALLMYSMS_BENCH_BATCH", 1000))
    app = SandboxApp(SandboxContext(), providers=["allmysms"])
    with SandboxServer(app=app) as server:
        sandbox = app.providers["allmysms"]
        sandbox.platform.accounts[DEMO_CLIENT_CODE].credits = 1e12  # the benchmark measures sending, not refusals
        endpoint = f"{server.url}/allmysms/soap/server.php"
        client = AllMySMSClient(client_code=DEMO_CLIENT_CODE, pass_code=DEMO_PASS_CODE, endpoint=endpoint)
        everyone = recipients(total)
        client.get_info()  # builds the zeep client once, outside the measure
        print(f"AllMySMS send: {total} recipients in batches of {size}; peak RSS at start {peak_rss_mb():.0f} MB")

        start, sent = time.perf_counter(), 0
        for first in range(0, total, size):
            result = client.send_sms(message=MESSAGE, recipients=everyone[first : first + size], campaign_name="bench")
            sent += len(result.messages)
        elapsed = time.perf_counter() - start
        print(f"  sent {sent} SMS parts in {elapsed:.1f} s: {total / elapsed:,.0f} recipients/s")
        print(f"  peak RSS {peak_rss_mb():.0f} MB (client and in-process sandbox)")

        batches = -(-total // size)
        costs = compare_zeep_and_lxml(client, everyone[:size], endpoint, batches, sandbox)
        per_batch = elapsed / batches
        print(f"  per batch of {size} ({costs['request bytes']:,} B sent, {costs['answer bytes']:,} B back):")
        print(f"    end to end           {per_batch * 1000:8.1f} ms")
        for name in ("checks", "zeep build", "sandbox handling", "zeep parse", "lxml build", "lxml parse"):
            print(f"    {name:<20} {costs[name] * 1000:8.1f} ms  ({costs[name] / per_batch:5.1%} of end to end)")
        zeep = costs["zeep build"] + costs["zeep parse"]
        lxml_only = costs["lxml build"] + costs["lxml parse"]
        print(f"  zeep build+parse is {zeep / lxml_only:.1f}x lxml alone, {zeep / per_batch:.0%} of each batch")


if __name__ == "__main__":
    main()

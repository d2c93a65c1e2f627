"""What a generated client must cover, and the generator's verdict on it.

`json_operations` lists the operations of an OpenAPI document whose request
and success answers are JSON (or have no body): a generated client must
offer a function for each. Run as a script,

    python tests/client/generation.py DOCUMENT GENERATOR_OUTPUT

it reads what `openapi-python-client generate` printed and fails on any
warning but those about what is not JSON: an operation left out because
its body is not JSON (a CSV import, say), or a non-JSON success answer (a
PDF) left out of its function; it names them.
"""

import json
import re
import sys

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
JSON = "application/json"


def operations(document):
    """(method, path, operation) for every operation of the document."""
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


def non_json(operation):
    """Why an operation is not JSON (`None` when it is): its request body
    or one of its success answers offers no application/json."""
    body = operation.get("requestBody")
    if body is not None and JSON not in body.get("content", {}):
        return "request body " + (", ".join(body.get("content", {})) or "without content")
    for status, answer in operation.get("responses", {}).items():
        content = answer.get("content")
        if status.startswith("2") and content and JSON not in content:
            return f"{status} answer " + ", ".join(content)
    return None


def json_operations(document):
    """operationId → (METHOD, path) of the JSON operations."""
    return {
        operation["operationId"]: (method.upper(), path)
        for method, path, operation in operations(document)
        if non_json(operation) is None
    }


# The generator's own phrasing (openapi_python_client/parser/openapi.py).
SKIPPED = re.compile(r"^WARNING parsing (\S+) (\S+) within \S*\. Endpoint will not be generated\.$")
# A body's content type left out, the endpoint generated with the others.
PARTLY = re.compile(r"^WARNING parsing (\S+) (\S+) within \S*\.$")
UNSUPPORTED = re.compile(r"^Unsupported content type (\S+)$")
# A success answer of a type it cannot read (a PDF), the endpoint generated
# without it; the generator then prints the answer's description.
OMITTED_ANSWER = re.compile(
    r"^Cannot parse response for status code .*\(Unsupported content_type (\S+)\), "
    r"response will be omitted from generated client$"
)
FRAME = (
    "Generating ",
    "Warning(s) encountered while generating.",
    "If you believe this was a mistake",
)


def check(document, output):
    """The problems in the generator's output, and the non-JSON operations
    it rightly left out (as sentences)."""
    by_route = {(method.upper(), path): operation for method, path, operation in operations(document)}
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).rstrip() for line in output.splitlines()]
    lines = [line for line in lines if line and not line.startswith(FRAME)]
    problems, skipped = [], []
    index = 0
    while index < len(lines):
        header = lines[index]
        details = []
        index += 1
        while index < len(lines) and not lines[index].startswith("WARNING"):
            details.append(lines[index])
            index += 1
        types = [m[1] for m in map(UNSUPPORTED.match, details) if m]
        partly = PARTLY.match(header)
        omitted = details and OMITTED_ANSWER.match(details[0])
        if partly and omitted:
            operation = by_route.get((partly[1], partly[2]))
            # Only an answer that is not JSON, of an operation whose success
            # answers are not JSON: the function is there, the bytes are the
            # caller's to read.
            if operation and omitted[1] != JSON and non_json(operation):
                skipped.append(
                    f"{operation['operationId']} ({partly[1]} {partly[2]}): generated without its "
                    f"{omitted[1]} answer; the generator does not read {omitted[1]}"
                )
                continue
        if partly:
            operation = by_route.get((partly[1], partly[2]))
            content = (operation or {}).get("requestBody", {}).get("content", {})
            # Only non-JSON types left out of a body that also takes JSON:
            # the JSON form of the operation is in the client.
            if operation and types and JSON in content and JSON not in types:
                skipped.append(
                    f"{operation['operationId']} ({partly[1]} {partly[2]}): generated for JSON; "
                    f"the generator does not support {', '.join(types)}"
                )
                continue
        match = SKIPPED.match(header)
        operation = match and by_route.get((match[1], match[2]))
        reason = operation and non_json(operation)
        if reason and details and len(types) == len(details):
            skipped.append(
                f"{operation['operationId']} ({match[1]} {match[2]}): not JSON ({reason}); "
                f"the generator does not support {', '.join(types)}"
            )
        else:
            problems.append("\n    ".join([header, *details]))
    return problems, skipped


def main(document_path, output_path):
    with open(document_path, encoding="utf-8") as file:
        document = json.load(file)
    with open(output_path, encoding="utf-8") as file:
        output = file.read()
    problems, skipped = check(document, output)
    for sentence in skipped:
        print(f"left out by the generator, as expected: {sentence}")
    for problem in problems:
        print(f"generator problem:\n    {problem}")
    if problems:
        return 1
    count = len(json_operations(document))
    print(f"the generator left out none of the document's {count} JSON operations")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))

"""What a client is told for each kind of malformed scoring request."""

import json

from reference_impl.contract import load_contract
from reference_impl.data import SAMPLE_REQUEST
from reference_impl.scoring.request import RequestError, parse_request

CONTRACT = load_contract()


def main() -> None:
    """Print the status and message for a series of bad request bodies."""
    row = json.loads(SAMPLE_REQUEST.read_text())["data"][0]
    # --8<-- [start:bad-requests]
    bodies = [
        "score this please",
        json.dumps({"rows": [row]}),
        json.dumps({"data": [{**row, "shoe_size": 44}]}),
        json.dumps({"data": [{**row, CONTRACT.id_column: "C00001"}]}),
        json.dumps({"data": [{k: v for k, v in row.items() if k != "plan"}]}),
        json.dumps({"data": [{**row, "tenure_months": "36"}]}),
        json.dumps({"data": [{**row, "age": 7}]}),
        json.dumps({"data": [{**row, "region": "moon"}]}),
        json.dumps({"data": [row] * 1001}),
    ]
    for body in bodies:
        try:
            parse_request(body, CONTRACT)
        except RequestError as error:
            print(error.status, error)
    # --8<-- [end:bad-requests]


if __name__ == "__main__":
    main()

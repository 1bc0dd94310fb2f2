"""View parameters parse the same way from the CLI, a URL and Python, with one clear error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph import params
from graph.cli import cli
from graph.errors import ParamError
from graph.model import ACTOR_TYPES, DEFAULT_VIEW_LIMIT, RELATION_TYPES, ViewParams


def test_type_lists_are_case_insensitive_in_vocabulary_order_and_empty_means_all():
    assert params.parse_relation_types("demands, WARNS") == ("WARNS", "DEMANDS")
    assert params.parse_relation_types("") == RELATION_TYPES and params.parse_relation_types(None) == RELATION_TYPES
    assert params.parse_actor_types(["state", "Person"]) == ("Person", "State")
    assert params.parse_actor_types(" , ") == ACTOR_TYPES


@pytest.mark.parametrize(
    "call,named",
    [
        (lambda: params.parse_relation_types("WARNS,LOVES"), "LOVES"),
        (lambda: params.parse_actor_types("Robot"), "Robot"),
        (lambda: params.parse_date("2022-02-30"), "2022-02-30"),
        (lambda: params.parse_date("24/02/2022"), "24/02/2022"),
        (lambda: params.parse_view(depth="9"), "depth"),
        (lambda: params.parse_view(limit="lots"), "lots"),
        (lambda: params.parse_view(since="2022-03-01", until="2022-01-01"), "after"),
    ],
)
def test_a_bad_value_is_one_param_error_naming_it(call, named):
    with pytest.raises(ParamError, match=named):
        call()


def test_a_url_round_trips_and_keeps_only_what_differs_from_the_defaults():
    v = params.parse_view("org:nato", 2, "WARNS", "State", "2022-01-01", None, 2, False, 500)
    q = params.to_url(v, ("state:rus",))
    assert q == {
        "focus": "org:nato",
        "depth": "2",
        "types": "WARNS",
        "atypes": "State",
        "since": "2022-01-01",
        "min": "2",
        "neg": "0",
        "limit": "500",
        "expand": "state:rus",
    }
    assert params.from_url(q) == (v, ("state:rus",))
    assert params.to_url(ViewParams()) == {} and params.from_url({}) == (ViewParams(), ())


def test_a_bad_url_value_is_refused_like_on_the_command_line(tmp_path):
    with pytest.raises(ParamError, match="LOVES"):
        params.from_url({"focus": "org:nato", "types": "WARNS,LOVES"})
    out = CliRunner().invoke(cli, ["snapshot", "--types", "WARNS,LOVES", "-o", str(tmp_path / "x.json")])
    assert out.exit_code != 0 and "LOVES" in out.output and "choose from" in out.output
    out = CliRunner().invoke(cli, ["snapshot", "--since", "yesterday", "-o", str(tmp_path / "x.json")])
    assert out.exit_code != 0 and "YYYY-MM-DD" in out.output


def test_one_default_view_limit_everywhere():
    snapshot_limit = next(p for p in cli.commands["snapshot"].params if p.name == "limit")
    assert ViewParams().limit == DEFAULT_VIEW_LIMIT == snapshot_limit.default == params.from_url({})[0].limit

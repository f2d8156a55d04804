"""The labelled author pairs and `sentinelle eval cases`."""

from __future__ import annotations

import json

from sentinelle.cases.linking.evaluate import eval_cases_command, evaluate, in_holdout, load

KEYS = {"link_precision", "link_recall", "suggest_precision", "suggest_recall", "pairs"}


def test_evaluate_reports_all_dev_and_holdout():
    result = evaluate()
    assert result.keys() >= KEYS
    assert result["dev"].keys() >= KEYS and result["holdout"].keys() >= KEYS
    assert result["pairs"] == result["dev"]["pairs"] + result["holdout"]["pairs"]
    for split in (result, result["dev"], result["holdout"]):
        assert all(0.0 <= split[k] <= 1.0 for k in KEYS - {"pairs"})


def test_every_label_class_has_support_of_at_least_100():
    pairs = load()
    assert len(pairs) >= 300
    assert sum(p["same"] for p in pairs) >= 100
    assert sum(not p["same"] for p in pairs) >= 100


def test_pairs_are_well_formed_and_use_example_domains():
    pairs = load()
    assert len({p["id"] for p in pairs}) == len(pairs)
    for pair in pairs:
        assert pair["why"]
        for side in (pair["a"], pair["b"]):
            assert side["platform"]
            if side["email"]:
                assert side["email"].lower().endswith(".example")


def test_holdout_is_about_30_percent_and_stable():
    ids = [p["id"] for p in load()]
    share = sum(map(in_holdout, ids)) / len(ids)
    assert 0.2 < share < 0.4
    assert [in_holdout(i) for i in ids] == [in_holdout(i) for i in ids]


def test_command_prints_json(capsys):
    eval_cases_command(json_output=True)
    assert json.loads(capsys.readouterr().out).keys() >= KEYS


def test_command_prints_the_goal(capsys):
    eval_cases_command(json_output=False)
    out = capsys.readouterr().out
    assert "0.98" in out and "held-out" in out

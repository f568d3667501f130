"""The analyst's glossary (issue 16): stored atomically, used by the gloss and the entity list, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talkhis.core import glossary
from talkhis.core.lexicon import gloss_text

ROOT = Path(__file__).resolve().parents[1]


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    from talkhis.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_glossary_term_is_used_in_the_gloss_from_then_on():
    line = "وأوضح كيغينز أن قسد تواصل عملها"
    assert "Caggins" not in gloss_text(line)
    glossary.add("كيغينز", "Caggins", "person")
    glossary.add("قسد", "SDF", "organisation")
    assert "Caggins" in gloss_text(line) and "SDF" in gloss_text(line)
    assert "the SDF" not in gloss_text(line)  # the analyst's rendering wins over the built-in one


def test_a_term_is_found_with_a_clitic_and_whatever_its_hamza_or_final_letter():
    glossary.add("كيغينز", "Caggins", "person")
    assert gloss_text("وكيغينز", glossary=glossary.lookup_table()) == "and Caggins"
    glossary.add("أبو ظبي", "Abu Dhabi (emirate)", "place")
    assert gloss_text("وابو ظبى") == "and Abu Dhabi (emirate)"


def test_the_entity_list_uses_the_glossary(tmp_path):
    from talkhis.core.entities import find_entities
    from talkhis.core.pipeline import open_article

    glossary.add("ليلى حداد", "Leila Haddad", "person")
    article = open_article(ROOT / "resources" / "samples" / "ministry-water-ar.txt")
    names = {e.english for e in find_entities(article, glossary=glossary.lookup_table())}
    assert "Leila Haddad" in names and "Layla Haddad" not in names


def test_adding_again_replaces_and_remove_forgets():
    glossary.add("قسد", "SDF", "organisation")
    glossary.add("قسد", "Syrian Democratic Forces", "organisation")
    assert [(t.arabic, t.english) for t in glossary.load()] == [("قسد", "Syrian Democratic Forces")]
    assert glossary.remove("قسد") and glossary.load() == []
    assert not glossary.remove("قسد")


def test_the_glossary_file_is_json_in_the_user_data_directory(tmp_path):
    glossary.add("قسد", "SDF", "organisation")
    path = glossary.glossary_path()
    assert path.parent.name == "data"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["terms"] == [{"arabic": "قسد", "english": "SDF", "kind": "organisation"}]
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # written atomically


def test_a_damaged_glossary_is_one_line_naming_the_file():
    path = glossary.glossary_path()
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match=str(path)):
        glossary.load()
    assert gloss_text("قسد")  # the gloss still works (without the glossary)


def test_csv_round_trip_and_a_bad_row_imports_nothing(tmp_path):
    source = tmp_path / "terms.csv"
    source.write_text("arabic,english,kind\nكيغينز,Caggins,person\nقسد,SDF,organisation\n", encoding="utf-8")
    assert glossary.import_csv(source) == 2
    out = tmp_path / "out.csv"
    text = glossary.export_csv(out)
    assert out.read_text(encoding="utf-8") == text
    assert text.splitlines() == ["arabic,english,kind", "قسد,SDF,organisation", "كيغينز,Caggins,person"]
    bad = tmp_path / "bad.csv"
    bad.write_text("داعش,Daesh\nonly-one-column\n", encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="row 2"):
        glossary.import_csv(bad)
    assert len(glossary.load()) == 2


def test_cli_glossary_add_list_remove_import_export(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "glossary", "add", "كيغينز", "Caggins", "--kind", "person")
    assert code == 0 and "Caggins" in out
    code, out, _ = run_cli(capsys, "glossary", "list")
    assert out.splitlines() == ["كيغينز\tCaggins\tperson"]
    csv_file = tmp_path / "g.csv"
    assert run_cli(capsys, "glossary", "export", str(csv_file))[0] == 0
    assert "كيغينز,Caggins,person" in csv_file.read_text(encoding="utf-8")
    code, _, err = run_cli(capsys, "glossary", "remove", "قسد")
    assert code == 3 and err.count("\n") == 1 and "not in the glossary" in err
    assert run_cli(capsys, "glossary", "remove", "كيغينز")[0] == 0
    code, out, _ = run_cli(capsys, "glossary", "import", str(csv_file))
    assert code == 0 and "imported 1" in out
    code, out, _ = run_cli(capsys, "glossary", "export")
    assert out.splitlines()[1] == "كيغينز,Caggins,person"


def test_cli_glossary_import_of_a_missing_file_is_one_line(tmp_path, capsys):
    code, out, err = run_cli(capsys, "glossary", "import", str(tmp_path / "none.csv"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "none.csv" in err


def test_the_glossary_reaches_the_json_output(capsys):
    glossary.add("ليلى حداد", "Leila Haddad", "person")
    code, out, _ = run_cli(capsys, "summarize", str(ROOT / "resources" / "samples" / "ministry-water-ar.txt"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert "Leila Haddad" in {e["english"] for e in data["entities"]}
    assert any("Leila Haddad" in (s["gloss"] or "") for s in data["sentences"])


def test_a_hand_edited_glossary_with_a_number_for_a_term_is_one_line_not_a_traceback(talkhis_home):
    from talkhis.core import glossary

    path = glossary.glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"version": 1, "terms": [{"arabic": 1, "english": null}]}', encoding="utf-8")

    with pytest.raises(glossary.GlossaryError) as caught:
        glossary.load()
    assert "cannot be read" in str(caught.value) and "\n" not in str(caught.value)


def test_terms_in_a_sentence_are_found_with_clitics_and_multiword_terms_first():
    glossary.add("الحرس الثوري", "IRGC", "organisation")
    glossary.add("الحرس", "the guard", "term")
    glossary.add("قسد", "SDF", "organisation")
    table = glossary.lookup_table()
    sentence = "قال متحدث باسم قسد إن قوات الحرس الثوري وقسد، والحرس انسحبوا."
    assert glossary.terms_in(sentence, table) == [("قسد", "SDF"), ("الحرس الثوري", "IRGC"), ("الحرس", "the guard")]
    assert glossary.terms_in("للحرس الثوري دور", table) == [("الحرس الثوري", "IRGC")]
    # a term never spans punctuation, and a sentence without terms has none
    assert glossary.terms_in("الحرس، الثوري", table) == [("الحرس", "the guard")]
    assert glossary.terms_in("وصل الوفد إلى بيروت", table) == []
    assert glossary.terms_in("قسد", {}) == []

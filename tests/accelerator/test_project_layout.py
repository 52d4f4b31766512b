from accelerator import PROJECT_DIR
from accelerator.guidance.project_layout import layout_table, project_layout


def test_every_folder_of_the_reference_project_is_described_once():
    listed = [p.path for p in project_layout()]
    folders = {
        f"{p.name}/" for p in PROJECT_DIR.iterdir() if p.is_dir() and p.name != "__pycache__"
    }
    assert folders <= set(listed)
    assert len(listed) == len(set(listed))
    assert "*.py" in listed and "../tests/reference_impl/" in listed


def test_the_table_names_the_generated_place_and_the_team_action():
    rows = layout_table().splitlines()[2:]
    assert len(rows) == len(project_layout())
    assert "| `reference_impl/contract.py` | `<package>/contract.py` |" in rows[1]
    assert rows[1].endswith("| **replace with yours** |")

"""Claims of docs/process/handover.md."""

from accelerator.guidance.readiness import readiness_checklist
from examples.process.handover import readiness


def test_week_nine_data_science_done_platform_items_left(capsys):
    readiness.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Ready for production: False"
    assert lines[1] == "Data science side left: 0"
    platform_left = [line for line in lines if line.startswith("Platform: ")]
    platform_total = [i for i in readiness_checklist() if i.side == "platform"]
    assert len(platform_left) == len(platform_total) - 1  # only provisioning is done

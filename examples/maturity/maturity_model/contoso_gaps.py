"""Contoso Insurance's maturity in week 1, and the gaps that lead to levels 2 and 3."""

from accelerator.guidance.assessment import CONTOSO_ANSWERS, assess, load_answers


def main() -> None:
    """Score Contoso's week-1 answers and print the first gaps to close."""
    # --8<-- [start:contoso-gaps]
    result = assess(load_answers(CONTOSO_ANSWERS))
    for score in result.scores:
        print(f"{score.name:<25} level {score.level}")
    print("Overall level:", result.overall)
    for gap in result.gaps[:4]:
        print(f"-> level {gap.target_level} in {gap.dimension}: read {gap.question.page}")
    # --8<-- [end:contoso-gaps]


if __name__ == "__main__":
    main()

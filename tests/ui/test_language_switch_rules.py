"""No box that a language switch rewords lives inside ``st.form``.

A form's unsent choices live in the browser alone: after a switch of the interface
language a choice box there kept the old language's words and, once sent, no option
matched them (the engagement log saved the first technique instead of the chosen one);
a date box changes its format with the language and Streamlit then starts it afresh.
Such boxes are held boxes outside forms (``ui.i18n.HELD`` and ``follows_language``).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REWORDED_BOXES = {
    "selectbox",
    "multiselect",
    "radio",
    "select_slider",
    "segmented_control",
    "pills",
    "date_input",
}


def boxes_inside_forms(source: str) -> list[str]:
    """'line: box' for each reworded box drawn inside a ``with ... .form(...)`` block,
    directly or through a function of the same module called there."""
    tree = ast.parse(source)
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    found: list[str] = []

    def visit(node: ast.AST, seen: set[str]) -> None:
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            name = getattr(call.func, "attr", None) or getattr(call.func, "id", None)
            if name in REWORDED_BOXES:
                found.append(f"{call.lineno}: {name}")
            elif name in functions and name not in seen:
                visit(functions[name], seen | {name})

    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call)
            and getattr(item.context_expr.func, "attr", None) == "form"
            for item in node.items
        ):
            for statement in node.body:
                visit(statement, set())
    return found


def test_no_reworded_box_is_inside_a_form():
    offenders = {
        str(path.relative_to(ROOT)): found
        for folder in ("ui", "pages")
        for path in sorted((ROOT / folder).glob("*.py"))
        if (found := boxes_inside_forms(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_rule_sees_a_box_in_a_form_and_in_a_function_called_there():
    source = """
def _fields():
    return st.multiselect("Services", ["legal"], key="x.cat")

def form():
    with st.expander("Add"), st.form("x"):
        team = st.selectbox("Team", ["", "Youth"], key="x.team")
        _fields()
        st.form_submit_button("Add")
    st.radio("Outside", ["a", "b"], key="x.kind")
"""
    assert boxes_inside_forms(source) == ["7: selectbox", "3: multiselect"]

"""Classify what changed between two versions of a spec, as a generated client's callers see it.

Both documents come from `generator.spec.loader`, so every `$ref` is a local pointer.
Operations are matched by path and method, parameters by location and name; their schemas
are compared by `schemas.SchemaDiffer`, and whatever is left by `documents`. The levels are
decided in `rules` (`RULES` lists every rule and its level).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..naming import operation_name
from ..spec.loader import Spec
from ..spec.openapi import Content, Located, OpenApi, OperationView, components, is_success
from ..spec.pagination import EXTENSION
from ..spec.pointers import pointer
from ..versions import Bump, version_bump
from .documents import raw_changes, related
from .paging import pagination_changes
from .rules import REQUEST, RESPONSE, Finding, Level, kebab, short
from .schemas import SchemaDiffer, Where


@dataclass(frozen=True, slots=True)
class SpecDiff:
    """All findings between two specs, most severe first, and both `info.version`s."""

    old_source: str
    new_source: str
    old_version: str
    new_version: str
    findings: tuple[Finding, ...]

    @property
    def needed_bump(self) -> Bump:
        return Bump(max((f.level for f in self.findings), default=Bump.NONE))

    @property
    def version_bump(self) -> Bump:
        return version_bump(self.old_version, self.new_version)

    def fails(self, threshold: Level | None) -> bool:
        """True when findings at `threshold` or above need a bigger bump than info.version made."""
        if threshold is None:
            return False
        levels = [f.level for f in self.findings if f.level >= threshold]
        return bool(levels) and max(levels) > self.version_bump

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level is level)


def diff_specs(old: Spec, new: Spec) -> SpecDiff:
    """Compare two loaded specs; an identical pair gives no findings."""
    differ = _Differ(old.document, new.document)
    differ.run()
    findings = sorted(differ.findings, key=lambda f: -f.level)  # stable: document order within a level
    return SpecDiff(
        old_source=str(old.path),
        new_source=str(new.path),
        old_version=_info_version(old.document),
        new_version=_info_version(new.document),
        findings=tuple(findings),
    )


def _info_version(document: dict[str, Any]) -> str:
    return str((document.get("info") or {}).get("version") or "")


class _Differ(SchemaDiffer):
    """Walks two normalized documents side by side: operations, components, then the rest."""

    def run(self) -> None:
        self._operations()
        self._component_schemas()
        self._security_schemes()
        self._rest()

    # -- operations ------------------------------------------------------------------------

    def _operations(self) -> None:
        old_ops = {(view.raw.path, view.raw.method): view for view in OpenApi(self.old).operations()}
        new_ops = {(view.raw.path, view.raw.method): view for view in OpenApi(self.new).operations()}
        for key, view in old_ops.items():
            if key in new_ops:
                self._operation(view, new_ops[key])
            else:
                raw = view.raw
                self.add("operation-removed", raw.at, raw.title, None, f"{raw.title} removed")
                self._explained += [p.at for p in view.parameters]
        for key, view in new_ops.items():
            if key not in old_ops:
                raw = view.raw
                self.add("operation-added", raw.at, None, raw.title, f"{raw.title} added")
                self._explained += [p.at for p in view.parameters]  # its `$ref`'d parameters come with it

    def _operation(self, old_view: OperationView, new_view: OperationView) -> None:
        old, new = old_view.raw, new_view.raw
        title = new.title
        old_id, new_id = old.operation.get("operationId"), new.operation.get("operationId")
        if old_id != new_id:
            old_name = operation_name(old_id, old.method, old.path)
            new_name = operation_name(new_id, new.method, new.path)
            what = f"{title}: operationId {old_id!r} -> {new_id!r}"
            if old_name != new_name:
                what += f": the method `{old_name}` becomes `{new_name}`"
            rule = "operation-id-changed" if old_name != new_name else "operation-id-respelled"
            self.add(rule, new.at + "/operationId", old_id, new_id, what)
        self._parameters(old_view, new_view, title)
        self._request_body(old_view, new_view, title)
        self._responses(old_view, new_view, title)
        self._security(old_view, new_view, title)
        at = new.at + pointer(EXTENSION)
        for rule, where, before, after, what in pagination_changes(
            old.operation.get(EXTENSION), new.operation.get(EXTENSION), at, title
        ):
            self.add(rule, where, before, after, what)
        self._owned.append(at)  # the extension is classified here, not as a documentation change

    def _parameters(self, old: OperationView, new: OperationView, title: str) -> None:
        """Parameters paired by (in, name), OpenAPI's identity of a parameter, after merging the
        path item's with the operation's and following `$ref`s: where one is written, and in
        which order, is no change; a rename is a removal and an addition."""
        for view in (old, new):
            item_at = view.raw.at.rsplit("/", 1)[0]
            # Every raw difference in these lists is one of the findings below, or none.
            self._owned += [view.raw.at + "/parameters", item_at + "/parameters", *(p.at for p in view.parameters)]
        before = {_parameter_key(p): p for p in old.parameters}
        after = {_parameter_key(p): p for p in new.parameters}
        for key, parameter in before.items():
            if key not in after:
                what = f"{title}: {key[0]} parameter `{key[1]}` removed"
                self.add("request-parameter-removed", parameter.at, key[1], None, what)
        for key, parameter in after.items():
            name = f"{title} {key[0]} parameter `{key[1]}`"
            required = parameter.value.get("required") is True
            kind = "required" if required else "optional"
            if key not in before:
                self.add(f"new-{kind}-request-parameter", parameter.at, None, key[1], f"{name}: added, {kind}")
                continue
            previous = before[key]
            self._documents(previous.value, parameter.value, parameter.at)
            if (previous.value.get("required") is True) != required:
                what = f"{name}: now {kind}"
                self.add(f"request-parameter-became-{kind}", parameter.at + "/required", not required, required, what)
            if "schema" in previous.value and "schema" in parameter.value:
                self.schema(
                    previous.value["schema"], previous.at + "/schema",
                    parameter.value["schema"], parameter.at + "/schema",
                    Where(REQUEST, "parameter", name),
                )  # fmt: skip

    def _request_body(self, old: OperationView, new: OperationView, title: str) -> None:
        before, after = old.body, new.body
        if before is None or after is None:
            if after is not None:
                kind = "required" if after.located.value.get("required") is True else "optional"
                what = f"{title}: {kind} request body added"
                self.add(f"new-{kind}-request-body", after.located.at, None, after.media_type, what)
            elif before is not None:
                what = f"{title}: request body removed"
                self.add("request-body-removed", before.located.at, before.media_type, None, what)
            return
        old_body, old_type, new_body, new_type = before.located, before.media_type, after.located, after.media_type
        was, now = old_body.value.get("required") is True, new_body.value.get("required") is True
        if was != now:
            kind = "required" if now else "optional"
            self.add(
                f"request-body-became-{kind}", new_body.at + "/required", was, now, f"{title}: request body now {kind}"
            )
        if old_type != new_type:
            what = f"{title}: request body media type {old_type} -> {new_type}"
            self.add("request-body-media-type-changed", new_body.at + "/content", old_type, new_type, what)
        else:
            self._body_schemas(before, after, Where(REQUEST, "body", f"{title} request body"))

    def _responses(self, old: OperationView, new: OperationView, title: str) -> None:
        before, after = dict(old.responses), dict(new.responses)
        for status, content in before.items():
            if status not in after:
                kind = "success" if is_success(status) else "non-success"
                what = f"{title}: response {status} removed"
                self.add(f"response-{kind}-status-removed", content.located.at, status, None, what)
        for status, content in after.items():
            name = f"{title} response {status}"
            if status not in before:
                kind = "success" if is_success(status) else "non-success"
                self.add(f"response-{kind}-status-added", content.located.at, None, status, f"{name}: added")
                continue
            previous = before[status]
            old_type, new_type = previous.media_type, content.media_type
            at = content.located.at + "/content"
            if old_type == new_type:
                self._body_schemas(previous, content, Where(RESPONSE, "body", name))
            elif old_type is None:
                self.add("response-body-added", at, None, new_type, f"{name}: now has a body")
            elif new_type is None:
                old_at = previous.located.at + "/content"
                self.add("response-body-removed", old_at, old_type, None, f"{name}: body removed")
            else:
                what = f"{name}: media type {old_type} -> {new_type}"
                self.add("response-media-type-changed", at, old_type, new_type, what)

    def _body_schemas(self, old: Content, new: Content, where: Where) -> None:
        """The schemas of two bodies of the same media type."""
        before, after = old.schema, new.schema
        if before is not None and after is not None:
            self.schema(before[0], before[1], after[0], after[1], where)

    def _security(self, old: OperationView, new: OperationView, title: str) -> None:
        before, old_at = old.security, old.security_at
        after, at = new.security, new.security_at
        old_alternatives, new_alternatives = _alternatives(before), _alternatives(after)
        if old_alternatives == new_alternatives:
            return
        # A caller that met an old alternative is still accepted if a new one asks no more of it.
        refused = any(not any(b <= a for b in new_alternatives) for a in old_alternatives)
        what = f"{title}: security {_show_security(before)} -> {_show_security(after)}"
        if refused:
            self.add("security-requirement-added", at, before, after, what + ": some callers are now refused")
        else:
            self.add("security-requirement-relaxed", at, before, after, what + ": every caller is still accepted")
        self._explained.append(old_at)  # where the old requirement was, when it moved

    # -- components ------------------------------------------------------------------------

    def _component_schemas(self) -> None:
        """Every component schema becomes a model class that callers may import by name."""
        self._names_in(
            "schemas",
            "component-schema",
            removed="schema {} removed: its generated model class goes away",
            added="schema {} added: a new model class",
        )

    def _names_in(self, section: str, rule: str, *, removed: str, added: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """`{rule}-removed` and `{rule}-added` for the names of a components section; both sections."""
        before, after = components(self.old, section), components(self.new, section)
        for name in before:
            if name not in after:
                self.add(f"{rule}-removed", pointer("components", section, name), name, None, removed.format(name))
        for name in after:
            if name not in before:
                self.add(f"{rule}-added", pointer("components", section, name), None, name, added.format(name))
        return before, after

    def _security_schemes(self) -> None:
        # The generated client takes a credential for every declared scheme it can apply, used or
        # not; a scheme it cannot apply (mutualTLS) is judged alike, as the diff does not generate.
        before, after = self._names_in(
            "securitySchemes",
            "security-scheme",
            removed="security scheme {} removed: a client credential for it goes away",
            added="security scheme {} added: a client can take a credential for it",
        )
        for name, scheme in after.items():
            if isinstance(scheme, dict) and isinstance(before.get(name), dict):
                old_kind, new_kind = _scheme_kind(before[name]), _scheme_kind(scheme)
                if old_kind != new_kind:
                    at = pointer("components", "securitySchemes", name)
                    what = f"security scheme {name}: {short(old_kind)} -> {short(new_kind)}"
                    self.add("security-scheme-changed", at, old_kind, new_kind, what)

    # -- everything else: documentation, and what no rule covers -----------------------------

    def _rest(self) -> None:
        """Documentation changes are patch-level; any other difference that no finding so far
        accounts for is reported as unclassified rather than dropped."""
        self._documents(self.old, self.new, "", skip=self._owned)
        explained = [*(f.pointer for f in self.findings), *self._explained]
        for at, old, new in self._others:
            # Inside an owned pointer, a difference is either its rule's finding or its own others
            # (a parameter's `style`); one that holds owned ones (a new `components/parameters`) is theirs.
            holds_owned = any(owned.startswith(at + "/") for owned in self._owned)
            if not holds_owned and not any(related(at, known) for known in explained):
                what = f"{short(old)} -> {short(new)}: no rule classifies this change, review it (counted as minor)"
                self.add("unclassified-change", at, old, new, what)

    def _documents(self, old: Any, new: Any, at: str, skip: list[str] | None = None) -> None:
        """Documentation changes between two values at `at`; the other differences are kept in
        `_others`, for `_rest` to report unless a finding explains them. Nothing inside `skip`."""
        others: list[tuple[str, Any, Any]] = []
        for where, key, before, after in raw_changes(old, new, at, names=False, others=others):
            if not any(_inside(where, owned) for owned in skip or ()):
                rule = "extension-changed" if key.startswith("x-") else f"{kebab(key)}-changed"
                change = "added" if before is None else "removed" if after is None else "changed"
                self.add(rule, where, before, after, f"{key} {change}: {short(before)} -> {short(after)}")
        self._others += [other for other in others if not any(_inside(other[0], owned) for owned in skip or ())]


# -- helpers ----------------------------------------------------------------------------------


def _inside(at: str, owned: str) -> bool:
    return at == owned or at.startswith(owned + "/")


def _parameter_key(parameter: Located) -> tuple[str, str]:
    return str(parameter.value.get("in")), str(parameter.value.get("name"))


def _scheme_kind(scheme: dict[str, Any]) -> dict[str, Any]:
    """What decides how the client sends a credential (not descriptions or OAuth URLs)."""
    return {key: scheme[key] for key in ("type", "scheme", "in", "name") if key in scheme}


def _alternatives(requirements: Any) -> frozenset[frozenset[tuple[str, str]]]:
    """Each alternative as the (scheme, "") and (scheme, scope) pairs it demands; none = anonymous."""
    if not requirements:
        return frozenset({frozenset()})
    return frozenset(
        frozenset(
            pair
            for scheme, scopes in requirement.items()
            for pair in [(scheme, ""), *((scheme, str(scope)) for scope in scopes or [])]
        )
        for requirement in requirements
        if isinstance(requirement, dict)
    )


def _show_security(requirements: Any) -> str:
    if not requirements:
        return "none"
    return " or ".join(" and ".join(sorted(r)) or "anonymous" for r in requirements if isinstance(r, dict))

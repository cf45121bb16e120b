"""Build the intermediate representation (`generator.codegen.ir.Api`) from a spec and its models.

Decides everything the templates should not: method and argument names, which media type
an operation uses, the Python annotation of every parameter, body and response, which
credentials the client takes, and whether operations sit on the client itself or in
resources (`client.pets.get_pet_by_id`). It reads the spec only through its normalized view
(`spec.openapi`). Each job has its module: `operations`, `annotations`, `security`,
`layouts`, and `generator.versions` for the package version. Problems the user must fix (two
operations that would get the same name, a package version that is not PEP 440) are raised
with their pointers, and so are constructs the generated client cannot honour: the whole run
fails, or with `skip_unsupported` just those operations are left out.
"""

from __future__ import annotations

from ..errors import Diagnostic
from ..naming import package_names
from ..settings import LayoutChoice
from ..spec.loader import Spec
from ..versions import package_version as package_version_of
from . import ir
from .annotations import Annotations
from .layouts import choose_layout, group_resources
from .models import GeneratedModels
from .operations import build_operations
from .requirements import package_requirements
from .security import credentials, security, security_schemes


def build_api(
    spec: Spec,
    models: GeneratedModels,
    *,
    package: str,
    package_version: str | None = None,
    layout: LayoutChoice = "auto",
    skip_unsupported: bool = False,
) -> tuple[ir.Api, list[Diagnostic]]:
    """The IR of `spec`, and warnings about what was left out."""
    openapi = spec.openapi
    warnings: list[Diagnostic] = []
    schemes = security_schemes(openapi, warnings)
    scheme_names = {scheme.name for scheme in schemes}
    default_security = security(openapi.security, scheme_names)
    operations = build_operations(
        spec, Annotations(openapi, models), scheme_names, default_security, skip_unsupported, warnings
    )
    chosen = choose_layout(layout, len(operations))
    resources = group_resources(openapi.tags, operations) if chosen == "resources" else ()
    if resources:
        operations = [op for resource in resources for op in resource.operations]
    used_kinds = {
        scheme.kind
        for scheme in schemes
        if any(scheme.name in alternative for op in operations for alternative in op.security)
    }
    distribution, client_class, env_prefix = package_names(package)
    servers = openapi.servers
    api = ir.Api(
        title=openapi.text("title") or package,
        description=openapi.text("description"),
        spec_version=openapi.text("version"),
        package=package,
        distribution=distribution,
        package_version=package_version_of(openapi.text("version"), package_version, warnings),
        client_class=client_class,
        env_prefix=env_prefix,
        default_base_url=next((url for url in servers if "://" in url), None),
        servers=servers,
        operations=tuple(operations),
        security_schemes=tuple(s for s in schemes if s.kind in used_kinds),
        default_security=default_security,
        credentials=credentials(used_kinds, env_prefix),
        model_names=models.public_names,
        layout=chosen,
        resources=resources,
        dependencies=package_requirements(models.files.values()),
    )
    return api, spec.locate(warnings)

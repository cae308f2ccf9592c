"""The admin page: upload a source, delete one, rebuild the index, and watch a rebuild's progress.

Auth: every action is a form post that carries the admin token in a password field (`token`),
checked by `service.deps.check_token`. There is no cookie or session, so a forged cross-site post
cannot act for the admin (it would have to know the token). With JavaScript, admin.js keeps the
token in sessionStorage to refill the field and to poll GET /api/index with a Bearer header.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from corpus.errors import GroundqaError, InvalidRequest
from service.deps import FORM_HINT, RuntimeDep, check_token, get_runtime, read_upload
from service.errors import Unauthorized, status_for
from service.gate import FormTokenRoute
from service.jobs import Job
from service.runtime import Runtime
from service.schemas import index_status, job_out
from service.uploads import UploadMeta
from web.context import AdminPage
from web.present import source_row
from web.templating import render


class AdminFormRoute(FormTokenRoute):
    """Admin form posts: the token (the form's first field) is checked before the rest is read."""

    def denied(self, request: Request, exc: GroundqaError) -> Response:
        return _failed(request, get_runtime(request), exc, "")


router = APIRouter(include_in_schema=False, route_class=AdminFormRoute)

NO_STORE = {"Cache-Control": "no-store"}
TokenField = Annotated[str, Form()]


def _enabled(runtime: Runtime) -> bool:
    token = runtime.settings.admin_token
    return token is not None and bool(token.get_secret_value())


def _page(
    runtime: Runtime,
    *,
    token: str = "",
    authed: bool = False,
    message: str | None = None,
    error: str | None = None,
    uploaded_id: str | None = None,
) -> AdminPage:
    ready = runtime.ready
    job = runtime.jobs.current or runtime.jobs.last
    return AdminPage(
        enabled=_enabled(runtime),
        sources=tuple(source_row(r) for r in runtime.index.sources()) if ready else (),
        token=token if authed else "",
        status=index_status(
            runtime.index.info if ready else None,
            runtime.jobs.current,
            runtime.jobs.last,
            runtime.jobs.pending,
        ).model_dump()
        if authed
        else None,
        job=_job(job) if authed else None,
        message=message,
        error=error,
        uploaded_id=uploaded_id,
    )


def _job(job: Job | None) -> dict[str, Any] | None:
    out = job_out(job)
    return out.model_dump() if out is not None else None


def _failed(request: Request, runtime: Runtime, exc: GroundqaError, token: str) -> Response:
    """Show the admin page again with what went wrong (a wrong token is not echoed back)."""
    authed = not isinstance(exc, Unauthorized) and _enabled(runtime)
    page = _page(runtime, token=token, authed=authed, error=exc.message)
    return render(request, "admin.html", page, status=status_for(exc), headers=NO_STORE)


@router.get("/admin")
def admin_page(request: Request, runtime: RuntimeDep) -> Response:
    return render(request, "admin.html", _page(runtime), headers=NO_STORE)


@router.post("/admin/status")
def admin_status(request: Request, runtime: RuntimeDep, token: TokenField = "") -> Response:
    """The index and job status (the no-JavaScript way to watch a rebuild)."""
    try:
        check_token(runtime, token, FORM_HINT)
    except GroundqaError as exc:
        return _failed(request, runtime, exc, token)
    return render(request, "admin.html", _page(runtime, token=token, authed=True), headers=NO_STORE)


@router.post("/admin/rebuild")
def admin_rebuild(
    request: Request, runtime: RuntimeDep, token: TokenField = "", full: Annotated[bool, Form()] = False
) -> Response:
    try:
        check_token(runtime, token, FORM_HINT)
        job = runtime.start_rebuild(full=full)
    except GroundqaError as exc:
        return _failed(request, runtime, exc, token)
    page = _page(runtime, token=token, authed=True, message=f"Rebuild started (job {job.id}).")
    return render(request, "admin.html", page, status=202, headers=NO_STORE)


@router.post("/admin/delete")
def admin_delete(
    request: Request, runtime: RuntimeDep, token: TokenField = "", source_id: Annotated[str, Form()] = ""
) -> Response:
    try:
        check_token(runtime, token, FORM_HINT)
        if not source_id:
            raise InvalidRequest("no source was chosen to delete")
        job = runtime.delete_source(source_id)
    except GroundqaError as exc:
        return _failed(request, runtime, exc, token)
    message = f"Source {source_id} moved to the trash; rebuild started (job {job.id})."
    page = _page(runtime, token=token, authed=True, message=message)
    return render(request, "admin.html", page, status=202, headers=NO_STORE)


@router.post("/admin/upload")
async def admin_upload(
    request: Request,
    runtime: RuntimeDep,
    token: TokenField = "",
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str, Form()] = "",
    publisher: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
    license: Annotated[str, Form()] = "",
    language: Annotated[str, Form()] = "",
    replace: Annotated[bool, Form()] = False,
) -> Response:
    try:
        check_token(runtime, token, FORM_HINT)
        if file is None or not file.filename:
            raise InvalidRequest("choose a file to upload")
        meta = UploadMeta.validated(
            title=title, publisher=publisher, date=date, url=url, license=license, language=language
        )
        content = await read_upload(runtime, file)
        source_id, job = runtime.add_source(file.filename, content, meta, replace=replace)
    except GroundqaError as exc:
        return _failed(request, runtime, exc, token)
    message = f"Uploaded as source {source_id}; rebuild started (job {job.id})."
    page = _page(runtime, token=token, authed=True, message=message, uploaded_id=source_id)
    return render(request, "admin.html", page, status=202, headers=NO_STORE)

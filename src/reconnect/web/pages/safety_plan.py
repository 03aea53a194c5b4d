"""The safety-plan page: read the plan, and change it (one thing per line in each step)."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from reconnect.contracts import safety_plan_out
from reconnect.domain.safety_plan import SECTION_KEYS
from reconnect.errors import InputError
from reconnect.services.safety_plan import plan_for_editing, save_plan
from reconnect.web.deps import ServicesDep, render

router = APIRouter()


@router.get("/safety-plan", response_class=HTMLResponse)
def safety_plan_page(
    request: Request, services: ServicesDep, saved: bool = False, edit: bool = False
) -> HTMLResponse:
    plan = plan_for_editing(services, request.app.state.settings.country)
    out = safety_plan_out(plan)
    context = {
        "plan": out,
        "saved": saved,
        "editing": edit or not out.saved,
        "error": None,
        "typed": {s.key: "\n".join(s.items) for s in out.sections},
    }
    return render(request, "safety_plan.html", context)


@router.post("/safety-plan")
async def save(request: Request, services: ServicesDep) -> Response:
    form = await request.form()
    typed = {key: str(form.get(key) or "") for key in SECTION_KEYS}
    try:
        save_plan(services, {key: text.splitlines() for key, text in typed.items()})
    except InputError as error:
        plan = plan_for_editing(services, request.app.state.settings.country)
        context = {
            "plan": safety_plan_out(plan),
            "saved": False,
            "editing": True,
            "error": error.message,
            "typed": {key: text.replace("\x00", "") for key, text in typed.items()},
        }
        return render(request, "safety_plan.html", context, status_code=422)
    return RedirectResponse("/safety-plan?saved=true", status_code=303)

"""A town's innovation unit, driven through the client generated from the
served OpenAPI document and nothing else (see scripts/client-test.sh).

The database is fresh: every figure asserted here is computed by hand from
what the test creates (definitions: docs/METRICS.md, shared/src/finance.rs).
"""

import importlib
import pkgutil
import re
from datetime import date

import innovaction_client.api
from generation import json_operations
from innovaction_client.api.actors import create_actor
from innovaction_client.api.evaluations import (
    create_evaluation,
    get_evaluation_gate,
    list_evaluation_grids,
    submit_evaluation,
    update_evaluation,
)
from innovaction_client.api.portfolio import get_dashboard
from innovaction_client.api.projects import (
    create_funding_line,
    create_milestone,
    create_participant,
    create_project,
    create_transition,
    get_project,
    list_project_funding_lines,
    list_project_transitions,
    update_funding_line,
    update_project,
)
from innovaction_client.api.users import get_current_user
from innovaction_client.models import (
    AbandonReason,
    Actor,
    ActorKind,
    Dashboard,
    DecisionOutcome,
    ErrorBody,
    ErrorCode,
    Evaluation,
    EvaluationGate,
    EvaluationKind,
    EvaluationPatch,
    EvaluationStatus,
    FundingCategory,
    FundingLine,
    FundingLinePatch,
    FundingStatus,
    InnovationType,
    Milestone,
    NewActor,
    NewEvaluation,
    NewFundingLine,
    NewMilestone,
    NewParticipant,
    NewProject,
    NewTransition,
    Participant,
    ParticipantRole,
    Phase,
    Project,
    ProjectPatch,
    Recommendation,
    TransitionOutcome,
    User,
)
from innovaction_client.types import Unset

EURO = 100  # amounts are in integer cents


def expect(response, status, kind):
    """The parsed answer, once its status and type are the expected ones."""
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.content.decode(errors='replace')}"
    )
    assert isinstance(response.parsed, kind), f"expected a {kind.__name__}, got {response.parsed!r}"
    return response.parsed


def refused(response, status, code):
    """The error body of a refusal, once its status and code are the expected ones."""
    error = expect(response, status, ErrorBody).error
    assert error.code == code, f"expected {code}, got {error.code}: {error.message}"
    return error


def etag(response, version):
    """The answer's ETag, once it names `version`: what If-Match sends back."""
    tag = response.headers.get("etag")
    assert tag == f'"{version}"', f"ETag {tag!r} for version {version}"
    return tag


def present(value):
    """None for a field the answer left out (a generated model's UNSET)."""
    return None if isinstance(value, Unset) else value


def snake_case(operation_id):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", operation_id).lower()


def test_every_json_operation_has_a_generated_function(document):
    generated = {}
    for module in pkgutil.walk_packages(innovaction_client.api.__path__, "innovaction_client.api."):
        if not module.ispkg:
            loaded = importlib.import_module(module.name)
            if callable(getattr(loaded, "sync_detailed", None)) and callable(getattr(loaded, "asyncio_detailed", None)):
                generated[module.name.rsplit(".", 1)[1]] = module.name
    operations = json_operations(document)
    assert len(operations) > 90, f"only {len(operations)} JSON operations in the document"
    missing = sorted(
        f"{operation_id} ({method} {path})"
        for operation_id, (method, path) in operations.items()
        if snake_case(operation_id) not in generated
    )
    assert not missing, "no generated function for: " + ", ".join(missing)


def new_actor(client, name, kind):
    actor = expect(create_actor.sync_detailed(client=client, body=NewActor(name=name, kind=kind)), 201, Actor)
    assert (actor.name, actor.kind) == (name, kind)
    return actor


def take_part(client, project, actor, role):
    response = create_participant.sync_detailed(
        project.id, client=client, body=NewParticipant(actor_id=actor.id, role=role)
    )
    participant = expect(response, 201, Participant)
    assert (participant.actor_id, participant.role, participant.actor_name) == (actor.id, role, actor.name)


def move(client, project, to, on, **fields):
    """A lifecycle move; the project as it is afterwards."""
    body = NewTransition(to=to, date=on, motivation=f"Comité de pilotage du {on:%d/%m/%Y}", **fields)
    response = create_transition.sync_detailed(project.id, client=client, body=body)
    outcome = expect(response, 201, TransitionOutcome)
    assert (outcome.transition.to, outcome.transition.date, outcome.phase) == (to, on, to)
    etag(response, outcome.version)
    return outcome


def add_line(client, project, funder, category, euros, **fields):
    body = NewFundingLine(funder_id=funder.id, category=category, amount_cents=euros * EURO, **fields)
    response = create_funding_line.sync_detailed(project.id, client=client, body=body)
    line = expect(response, 201, FundingLine)
    assert (line.funder_name, line.category, line.amount_cents) == (funder.name, category, euros * EURO)
    assert line.status == fields.get("status", FundingStatus.PLANNED)
    assert response.headers.get("location") == f"/api/v1/projects/{project.id}/funding-lines/{line.id}"
    return line, etag(response, line.version)


def change_line(client, line, tag, **changes):
    """A funding line update sent with the ETag last read; the line and its new ETag."""
    response = update_funding_line.sync_detailed(
        line.project_id, line.id, client=client, body=FundingLinePatch(**changes), if_match=tag
    )
    changed = expect(response, 200, FundingLine)
    assert changed.version == line.version + 1
    if "status" in changes:
        assert changed.status == changes["status"]
    return changed, etag(response, changed.version)


def finance_of(client, project):
    response = get_project.sync_detailed(project.id, client=client)
    current = expect(response, 200, Project)
    etag(response, current.version)
    return current.finance


def test_municipal_it_scenario(client):
    me = expect(get_current_user.sync_detailed(client=client), 200, User)
    assert me.role == "admin"

    # --- The ecosystem: the town itself (its own budget is a funding line
    # like any other), a funder and a partner.
    town = new_actor(client, "Ville de Belcastel", ActorKind.MUNICIPALITY)
    region = new_actor(client, "Région Occitanie", ActorKind.REGION_DEPARTMENT)
    partner = new_actor(client, "Coopérative Énergies Citoyennes", ActorKind.COMPANY)

    # --- A project, then its cost corrected with If-Match.
    body = NewProject(
        title="Tiers-lieu numérique des Coteaux",
        axis="Innovation",
        innovation_types=[InnovationType.SOCIAL, InnovationType.PUBLIC_SERVICE],
        commission_date=date(2025, 1, 15),
        total_cost_cents=650_000 * EURO,
    )
    response = create_project.sync_detailed(client=client, body=body)
    project = expect(response, 201, Project)
    assert re.fullmatch(r"2025-\d{3}", project.reference), project.reference
    assert project.phase == Phase.COMMANDE
    assert project.allowed_transitions == [Phase.CADRAGE, Phase.SUSPENDU, Phase.ABANDONNE]
    first_tag = etag(response, project.version)

    response = update_project.sync_detailed(
        project.id,
        client=client,
        body=ProjectPatch(total_cost_cents=700_000 * EURO, summary="Un lieu ouvert pour le télétravail et la médiation"),
        if_match=first_tag,
    )
    updated = expect(response, 200, Project)
    assert (updated.version, updated.total_cost_cents) == (project.version + 1, 700_000 * EURO)
    assert updated.summary == "Un lieu ouvert pour le télétravail et la médiation"
    etag(response, updated.version)
    # The ETag read before that change is stale now: nothing is overwritten.
    stale = update_project.sync_detailed(
        project.id, client=client, body=ProjectPatch(total_cost_cents=1 * EURO), if_match=first_tag
    )
    refused(stale, 412, ErrorCode.VERSION_MISMATCH)
    assert finance_of(client, project).total_cost_cents == 700_000 * EURO

    take_part(client, project, partner, ParticipantRole.PARTNER)
    take_part(client, project, region, ParticipantRole.FUNDER)

    # --- The financing plan. City money: 100 000 € to be voted, then
    # granted; a further 20 000 € only planned.
    city, city_tag = add_line(client, project, town, FundingCategory.CITY, 100_000, label="Budget communal 2025")
    add_line(client, project, town, FundingCategory.CITY, 20_000, label="Tranche conditionnelle")
    # External funding: the Region's 300 000 € asked for, the partner's
    # 200 000 € already committed, and a regional call for projects that
    # will be refused.
    grant, grant_tag = add_line(
        client, project, region, FundingCategory.PUBLIC, 300_000,
        status=FundingStatus.REQUESTED, requested_on=date(2025, 2, 1),
    )
    add_line(
        client, project, partner, FundingCategory.PRIVATE, 200_000,
        status=FundingStatus.GRANTED, decided_on=date(2025, 1, 30),
    )
    call, call_tag = add_line(
        client, project, region, FundingCategory.PUBLIC, 80_000,
        status=FundingStatus.REQUESTED, label="Appel à projets numérique", requested_on=date(2025, 2, 1),
    )

    # Only granted or paid money counts: the partner's 200 000 € so far,
    # and no city money yet, hence no leverage.
    finance = finance_of(client, project)
    assert (finance.city_cents, finance.secured_others_cents, finance.secured_cents) == (0, 200_000 * EURO, 200_000 * EURO)
    assert finance.gap_cents == 500_000 * EURO
    assert present(finance.leverage) is None

    # A status moves one step of the funding process at a time.
    skipped = update_funding_line.sync_detailed(
        project.id, city.id, client=client, body=FundingLinePatch(status=FundingStatus.PAID), if_match=city_tag
    )
    error = refused(skipped, 422, ErrorCode.VALIDATION_FAILED)
    assert [detail.field for detail in error.details] == ["status"]
    city, city_tag = change_line(client, city, city_tag, status=FundingStatus.REQUESTED, requested_on=date(2025, 2, 3))
    city, city_tag = change_line(client, city, city_tag, status=FundingStatus.GRANTED, decided_on=date(2025, 3, 10))
    grant, grant_tag = change_line(client, grant, grant_tag, status=FundingStatus.GRANTED, decided_on=date(2025, 3, 20))
    grant, grant_tag = change_line(client, grant, grant_tag, status=FundingStatus.PAID, paid_on=date(2025, 5, 2))
    call, call_tag = change_line(client, call, call_tag, status=FundingStatus.REFUSED, decided_on=date(2025, 3, 20))
    assert call.allowed_statuses == []
    # An update sent with an ETag older than the line's is refused.
    refused(
        update_funding_line.sync_detailed(
            project.id, grant.id, client=client, body=FundingLinePatch(label="Contrat de plan"), if_match='"1"'
        ),
        412,
        ErrorCode.VERSION_MISMATCH,
    )

    lines = expect(list_project_funding_lines.sync_detailed(project.id, client=client), 200, list)
    assert sorted((line.category, line.status, line.amount_cents) for line in lines) == sorted([
        (FundingCategory.CITY, FundingStatus.GRANTED, 100_000 * EURO),
        (FundingCategory.CITY, FundingStatus.PLANNED, 20_000 * EURO),
        (FundingCategory.PUBLIC, FundingStatus.PAID, 300_000 * EURO),
        (FundingCategory.PRIVATE, FundingStatus.GRANTED, 200_000 * EURO),
        (FundingCategory.PUBLIC, FundingStatus.REFUSED, 80_000 * EURO),
    ])

    # Secured: the city's 100 000 €, the Region's 300 000 € paid and the
    # partner's 200 000 € — one euro of city money levering five.
    finance = finance_of(client, project)
    assert finance.total_cost_cents == 700_000 * EURO
    assert finance.city_cents == 100_000 * EURO
    assert finance.secured_others_cents == 500_000 * EURO
    assert finance.secured_cents == 600_000 * EURO
    assert finance.gap_cents == 100_000 * EURO
    assert present(finance.leverage) == 5.0

    # --- The lifecycle: commission, scoping, instruction.
    move(client, project, Phase.CADRAGE, date(2025, 1, 20))
    moved = move(client, project, Phase.INSTRUCTION, date(2025, 2, 3))
    assert moved.allowed_transitions == [Phase.DECISION, Phase.SUSPENDU, Phase.ABANDONNE]

    # No skipping a phase: the refusal lists the moves allowed.
    skip = create_transition.sync_detailed(
        project.id, client=client,
        body=NewTransition(to=Phase.REALISATION, date=date(2025, 3, 1), motivation="Pressés"),
    )
    error = refused(skip, 409, ErrorCode.CONFLICT)
    assert [(detail.field, detail.message) for detail in error.details] == [
        ("to", "decision"), ("to", "suspendu"), ("to", "abandonne"),
    ]

    # The decision gate: one submitted ex-ante evaluation (the default).
    gate = expect(get_evaluation_gate.sync_detailed(client=client), 200, EvaluationGate)
    assert gate.min_ex_ante_evaluations == 1
    decide = NewTransition(
        to=Phase.DECISION, date=date(2025, 4, 15), motivation="Bureau municipal du 15 avril",
        outcome=DecisionOutcome.GO,
    )
    closed = create_transition.sync_detailed(project.id, client=client, body=decide)
    assert "0 of the 1" in refused(closed, 409, ErrorCode.CONFLICT).message

    # The ex-ante evaluation on the default grid, whose weights are those
    # of shared/src/evaluation.rs.
    grids = expect(
        list_evaluation_grids.sync_detailed(client=client, kind=EvaluationKind.EX_ANTE, active=True), 200, list
    )
    assert len(grids) == 1, grids
    grid = grids[0]
    weights = {criterion.key: criterion.weight for criterion in grid.criteria}
    assert weights == {
        "strategic_relevance": 3.0, "territorial_impact": 3.0, "financial_leverage": 2.0, "feasibility": 2.0,
        "innovation": 2.0, "partnerships": 2.0, "risks": 1.0, "social_environmental": 2.0,
    }
    scores = {
        "strategic_relevance": 5, "territorial_impact": 4, "financial_leverage": 5, "feasibility": 3,
        "innovation": 4, "partnerships": 4, "risks": 3,
    }
    draft_body = NewEvaluation.from_dict({
        "kind": "ex_ante",
        "grid_id": grid.id,
        "scores": {key: {"score": score, "comment": ""} for key, score in scores.items()},
        "recommendation": "go",
        "comment": "Lieu attendu par les habitants",
    })
    response = create_evaluation.sync_detailed(project.id, client=client, body=draft_body)
    draft = expect(response, 201, Evaluation)
    assert draft.status == EvaluationStatus.DRAFT
    # Σ weight·score = 15+12+10+6+8+8+3 = 62 over Σ weight 15, out of 5:
    # 62 / 75 = 82.67 %.
    assert present(draft.weighted_score) == 82.67
    draft_tag = etag(response, draft.version)
    # Not submittable until every criterion is scored.
    incomplete = submit_evaluation.sync_detailed(project.id, draft.id, client=client)
    error = refused(incomplete, 422, ErrorCode.VALIDATION_FAILED)
    assert [detail.field for detail in error.details] == ["scores.social_environmental"]
    # A patch scores a criterion and, with `null`, takes another's score back.
    patch = EvaluationPatch.from_dict(
        {"scores": {"social_environmental": {"score": 4, "comment": "Sobriété"}, "risks": None}}
    )
    response = update_evaluation.sync_detailed(project.id, draft.id, client=client, body=patch, if_match=draft_tag)
    rescored = expect(response, 200, Evaluation)
    # 62 − 1·3 + 2·4 = 67 over Σ weight 16: 67 / 80 = 83.75 %.
    assert present(rescored.weighted_score) == 83.75
    assert sorted(rescored.scores.to_dict()) == sorted(set(scores) - {"risks"} | {"social_environmental"})
    rescored_tag = etag(response, draft.version + 1)
    error = refused(submit_evaluation.sync_detailed(project.id, draft.id, client=client), 422, ErrorCode.VALIDATION_FAILED)
    assert [detail.field for detail in error.details] == ["scores.risks"]
    patch = EvaluationPatch.from_dict({"scores": {"risks": {"score": 3}}})
    response = update_evaluation.sync_detailed(project.id, draft.id, client=client, body=patch, if_match=rescored_tag)
    scored = expect(response, 200, Evaluation)
    # Every criterion: 67 + 1·3 = 70 over Σ weight 17: 70 / 85 = 82.35 %.
    assert present(scored.weighted_score) == 82.35
    etag(response, draft.version + 2)
    # The first ETag is two versions old.
    stale = update_evaluation.sync_detailed(project.id, draft.id, client=client, body=patch, if_match=draft_tag)
    refused(stale, 412, ErrorCode.VERSION_MISMATCH)
    submitted = expect(submit_evaluation.sync_detailed(project.id, draft.id, client=client), 200, Evaluation)
    assert submitted.status == EvaluationStatus.SUBMITTED
    assert present(submitted.recommendation) == Recommendation.GO

    # The gate is open now: go, on 15 April, 90 days after the commission.
    decided = move(client, project, Phase.DECISION, date(2025, 4, 15), outcome=DecisionOutcome.GO)
    assert present(decided.decision_outcome) == DecisionOutcome.GO
    assert present(decided.decision_date) == date(2025, 4, 15)
    assert present(decided.instruction_days) == 90
    assert decided.allowed_transitions == [Phase.REALISATION, Phase.SUSPENDU, Phase.ABANDONNE]
    move(client, project, Phase.REALISATION, date(2025, 5, 5))
    # Suspended over the summer, then resumed where it left off.
    paused = move(client, project, Phase.SUSPENDU, date(2025, 7, 1))
    assert present(paused.suspended_from) == Phase.REALISATION
    assert paused.allowed_transitions == [Phase.REALISATION, Phase.ABANDONNE]
    resumed = move(client, project, Phase.REALISATION, date(2025, 9, 1))
    assert present(resumed.suspended_from) is None

    history = expect(list_project_transitions.sync_detailed(project.id, client=client), 200, list)
    assert [(step.from_, step.to) for step in history] == [
        (Phase.COMMANDE, Phase.CADRAGE),
        (Phase.CADRAGE, Phase.INSTRUCTION),
        (Phase.INSTRUCTION, Phase.DECISION),
        (Phase.DECISION, Phase.REALISATION),
        (Phase.REALISATION, Phase.SUSPENDU),
        (Phase.SUSPENDU, Phase.REALISATION),
    ]
    assert all(present(step.user_id) == me.id for step in history)

    # Milestones: one done, one overdue (due in March 2025, not done).
    for body in (
        NewMilestone(title="Signature du bail", due_date=date(2025, 2, 1), done_date=date(2025, 2, 10)),
        NewMilestone(title="Ouverture au public", due_date=date(2025, 3, 1)),
    ):
        expect(create_milestone.sync_detailed(project.id, client=client, body=body), 201, Milestone)

    # --- A second project, given up for want of financing: its cost and
    # its money leave the portfolio's figures, its actors stay counted.
    response = create_project.sync_detailed(
        client=client,
        body=NewProject(
            title="Navette autonome du centre-bourg", axis="Attractivité",
            commission_date=date(2025, 2, 1), total_cost_cents=200_000 * EURO,
        ),
    )
    shuttle = expect(response, 201, Project)
    take_part(client, shuttle, town, ParticipantRole.LEAD)
    take_part(client, shuttle, partner, ParticipantRole.PARTNER)
    add_line(client, shuttle, town, FundingCategory.CITY, 50_000, status=FundingStatus.GRANTED)
    expect(
        create_milestone.sync_detailed(
            shuttle.id, client=client, body=NewMilestone(title="Essais", due_date=date(2025, 4, 1))
        ),
        201,
        Milestone,
    )
    reasonless = create_transition.sync_detailed(
        shuttle.id, client=client, body=NewTransition(to=Phase.ABANDONNE, date=date(2025, 3, 1), motivation="Budget")
    )
    error = refused(reasonless, 422, ErrorCode.VALIDATION_FAILED)
    assert [detail.field for detail in error.details] == ["reason"]
    given_up = move(client, shuttle, Phase.ABANDONNE, date(2025, 3, 1), reason=AbandonReason.FINANCING)
    assert given_up.allowed_transitions == []
    assert present(given_up.abandon_reason) == AbandonReason.FINANCING
    # Its own figures still show the city's 50 000 € and nothing else.
    finance = finance_of(client, shuttle)
    assert (finance.city_cents, finance.secured_others_cents, finance.gap_cents) == (
        50_000 * EURO, 0, 150_000 * EURO,
    )
    assert present(finance.leverage) == 0.0

    # --- The dashboard.
    dashboard = expect(get_dashboard.sync_detailed(client=client), 200, Dashboard)
    assert dashboard.projects_total == 2
    by_phase = dashboard.projects_by_phase.to_dict()
    assert by_phase == {phase.value: 0 for phase in Phase} | {"realisation": 1, "abandonne": 1}
    assert dashboard.projects_by_axis.to_dict() == {
        "Développement": 0, "Prospective": 0, "Innovation": 1, "Attractivité": 1, "Investissement": 0,
    }
    # Not abandoned: the tiers-lieu alone.
    assert dashboard.investment_cents == 700_000 * EURO
    assert [(year.year, year.projects, year.investment_cents) for year in dashboard.investment_by_year] == [
        (2025, 1, 700_000 * EURO),
    ]
    assert dashboard.secured_cents_by_category.to_dict() == {
        "city": 100_000 * EURO, "public": 300_000 * EURO, "private": 200_000 * EURO,
    }
    assert present(dashboard.leverage) == 5.0
    assert dashboard.gap_cents == 100_000 * EURO
    assert [(year.year, year.count, year.median, year.p90) for year in dashboard.instruction_days] == [
        (2025, 1, 90.0, 90),
    ]
    assert present(dashboard.instruction_median_ratio) is None
    # The Region and the partner on the first project, the town on the second.
    assert dashboard.actors_engaged == 3
    assert dashboard.abandonment_reasons.to_dict() == {reason.value: 0 for reason in AbandonReason} | {
        "financing": 1,
    }
    # The shuttle's overdue milestone does not count: it was given up.
    assert dashboard.overdue_milestones == 1
    scores = dashboard.ex_ante_scores
    assert (scores.evaluated_projects, present(scores.mean), present(scores.median)) == (1, 82.35, 82.35)
    assert [(band.from_, band.to, band.projects) for band in scores.bands] == [
        (0, 20, 0), (20, 40, 0), (40, 60, 0), (60, 80, 0), (80, 100, 1),
    ]
    counts = dashboard.indicators_by_status
    assert (counts.on_track, counts.at_risk, counts.off_track, counts.not_measured) == (0, 0, 0, 0)

    # Filtered by axis: the tiers-lieu only.
    innovation = expect(get_dashboard.sync_detailed(client=client, axis="Innovation"), 200, Dashboard)
    assert (innovation.projects_total, innovation.investment_cents, innovation.actors_engaged) == (
        1, 700_000 * EURO, 2,
    )
    assert present(innovation.leverage) == 5.0
    # Filtered by a year without commissions: nothing, and no leverage.
    empty = expect(get_dashboard.sync_detailed(client=client, year=2024), 200, Dashboard)
    assert (empty.projects_total, empty.investment_cents, empty.gap_cents) == (0, 0, 0)
    assert present(empty.leverage) is None

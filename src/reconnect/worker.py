"""``reconnect worker``'s jobs: procrastinate tasks over server mode's upkeep services.

Every job is idempotent and needs no key. A worker killed mid-job loses nothing: its job
stays "doing" until another worker's stalled-job check (every ten seconds) queues it
again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from reconnect.services import couple_reminders, push, upkeep
from reconnect.services.accounts import DROP_JOURNAL_TASK
from reconnect.storage.job_queue import make_app

if TYPE_CHECKING:
    import procrastinate

    from reconnect.services.server import ServerServices

UPKEEP_QUEUE = "upkeep"
SWEEP_TASK = "reconnect.sweep"
RETRY_STALLED_TASK = "reconnect.retry_stalled"
REMINDERS_QUEUE = "reminders"
SEND_REMINDERS_TASK = "reconnect.send_reminders"
COUPLE_REMINDERS_TASK = "reconnect.couple_checkin_reminders"
COUPLE_REMINDERS_CRON = "0 * * * *"

log = logging.getLogger(__name__)


def build_app(server: ServerServices, *, stalled_after: float = 30.0) -> procrastinate.App:
    """The procrastinate app with reconnect's tasks bound to ``server``."""
    import procrastinate

    app = make_app(server.settings.server_database_url)
    retry = procrastinate.RetryStrategy(max_attempts=20, exponential_wait=2)

    @app.task(name=DROP_JOURNAL_TASK, queue=UPKEEP_QUEUE, retry=retry)
    def drop_journal(journal: str) -> None:
        upkeep.drop_deleted_journal(server, journal)

    @app.periodic(cron="*/5 * * * *", periodic_id="sweep")
    @app.task(name=SWEEP_TASK, queue=UPKEEP_QUEUE, queueing_lock="sweep")
    def sweep(timestamp: int) -> None:  # noqa: ARG001 - procrastinate passes the tick
        upkeep.sweep(server)

    # Every minute: push the reminders due now (docs/decisions/0011-*). The lock keeps one
    # queued at a time; each reminder's slot is claimed, so overlapping runs send it once.
    @app.periodic(cron="* * * * *", periodic_id="send-reminders")
    @app.task(name=SEND_REMINDERS_TASK, queue=REMINDERS_QUEUE, queueing_lock="send-reminders")
    def send_reminders(timestamp: int) -> None:  # noqa: ARG001
        push.send_due(server, server.clock())

    # Hourly, because procrastinate reads cron in UTC: the service sends only for the tick
    # in Sunday 18:00-18:59 of the server's zone. Each tick is deferred once across all
    # workers; a job retried after a stall is skipped, so a week's reminder goes at most
    # once (docs/decisions/0011-*).
    @app.periodic(cron=COUPLE_REMINDERS_CRON, periodic_id="couple-checkin-reminders")
    @app.task(
        name=COUPLE_REMINDERS_TASK,
        queue=REMINDERS_QUEUE,
        queueing_lock="couple-checkin-reminders",
        pass_context=True,
    )
    def couple_checkin_reminders(context: procrastinate.JobContext, timestamp: int) -> None:
        if context.job.attempts > 0:
            log.warning("couple check-in reminders were interrupted; not sent again")
            return
        couple_reminders.send_weekly(server, datetime.fromtimestamp(timestamp, UTC))

    # croniter's sixth field is seconds: look for stalled jobs every ten seconds.
    @app.periodic(cron="* * * * * */10", periodic_id="retry-stalled")
    @app.task(name=RETRY_STALLED_TASK, queue=UPKEEP_QUEUE, queueing_lock="retry-stalled")
    async def retry_stalled(timestamp: int) -> None:  # noqa: ARG001
        stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=stalled_after)
        for job in stalled:
            await app.job_manager.retry_job(job)

    return app


def run(server: ServerServices, *, concurrency: int = 1, stalled_after: float = 30.0) -> None:
    """Run jobs until interrupted (Ctrl+C or SIGTERM finish the current jobs first)."""
    app = build_app(server, stalled_after=stalled_after)
    app.run_worker(
        queues=None,
        concurrency=concurrency,
        update_heartbeat_interval=max(1.0, stalled_after / 3),
        stalled_worker_timeout=stalled_after,
        install_signal_handlers=True,
    )

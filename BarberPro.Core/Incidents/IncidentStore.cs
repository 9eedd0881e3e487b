using BarberPro.Core.Live;
using Npgsql;

namespace BarberPro.Core.Incidents;

/// <summary>What opening an incident takes. <see cref="LeadUserId"/> null: the author leads (an incident opened from the inbox).</summary>
public sealed record NewIncident(string Title, string Severity, string? LeadUserId, IncidentAlert? Alert = null);

/// <summary>
/// <c>dashboard.incidents</c>, <c>incident_alerts</c> and <c>incident_timeline</c> (db/dashboard/0012_incidents.sql).
/// People's rows carry the author's display name as it was when they wrote (timeline rows never change); recorded rows
/// carry none. State changes are conditional (resolve only what is open, reopen only what is resolved), so of two people
/// resolving at once one succeeds and the other is told it is already resolved. Every write that changes an incident or
/// its timeline NOTIFYs <see cref="IncidentEvents.Channel"/> inside its transaction, with this store's
/// <see cref="Origin"/> as payload, so the other instances' pages read it again at once. Singleton.
/// </summary>
public sealed class IncidentStore(NpgsqlDataSource dataSource)
{
    /// <summary>This process's mark on its notifications (its own writes already refreshed its pages).</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    private const string Columns = """
        i.id, i.title, i.severity, i.lead_user_id, coalesce(nullif(u."DisplayName", ''), u."UserName", i.lead_user_id),
        i.opened_at, i.opened_by, i.status, i.resolved_at, i.resolved_by, i.summary, i.postmortem_url
        """;

    private const string AuthorName = """coalesce((SELECT nullif("DisplayName", '') FROM dashboard.users WHERE "UserName" = $1), $1)""";

    // Copies the linked alerts' transitions (from their link's episode start on) into the timelines of open incidents;
    // a row already copied is skipped, so any number of instances may run it at once.
    private const string CopyTransitions = """
        INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body, source)
        SELECT l.incident_id, t.at, 'alert-' || t.state, NULL, t.alertname, 'alert:' || t.id
          FROM dashboard.incident_alerts l
          JOIN dashboard.incidents i ON i.id = l.incident_id AND i.status = 'open'
          JOIN dashboard.alert_transitions t ON t.fingerprint = l.fingerprint AND t.episode_start >= l.since
         WHERE t.state IN ('firing', 'resolved', 'silenced', 'unsilenced')
        """;

    private const string OnConflict = " ON CONFLICT (incident_id, source) WHERE source <> '' DO NOTHING";

    // The one definition of "resolved in a window" ($1, $2] and of the mean time to resolve over it, for the overview's
    // 30-day summary and for a report's period alike.
    private const string ResolvedBetween = "status = 'resolved' AND resolved_at > $1 AND resolved_at <= $2";
    private const string OpenedBetween = "opened_at > $1 AND opened_at <= $2";
    private const string MeanTimeToResolve = "avg(resolved_at - opened_at) FILTER (WHERE " + ResolvedBetween + ")";

    /// <summary>
    /// What <see cref="GetPeriodAsync"/> runs (kept with a report as the query it ran): how many incidents were opened and
    /// resolved in the window ($1, $2] and the mean time to resolve of those resolved in it.
    /// </summary>
    public const string PeriodSql = "SELECT count(*) FILTER (WHERE " + OpenedBetween + "), count(*) FILTER (WHERE " + ResolvedBetween + "), "
        + MeanTimeToResolve + " FROM dashboard.incidents";

    /// <summary>Open incidents first (newest first), then resolved ones (most recently resolved first).</summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
              FROM dashboard.incidents i LEFT JOIN dashboard.users u ON u."Id" = i.lead_user_id
             ORDER BY i.status = 'open' DESC, coalesce(i.resolved_at, i.opened_at) DESC, i.id DESC
             LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var list = new List<Incident>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadIncident(reader));
        }

        return list;
    }

    /// <summary>The incident with its linked alerts and its timeline (oldest first), or null when there is none with that id.</summary>
    public async Task<IncidentDetail?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SELECT {Columns} FROM dashboard.incidents i LEFT JOIN dashboard.users u ON u.\"Id\" = i.lead_user_id WHERE i.id = $1")
                {
                    Parameters = { new NpgsqlParameter { Value = id } },
                },
                new NpgsqlBatchCommand("SELECT fingerprint, alertname, since FROM dashboard.incident_alerts WHERE incident_id = $1 ORDER BY since, alertname")
                {
                    Parameters = { new NpgsqlParameter { Value = id } },
                },
                new NpgsqlBatchCommand("SELECT id, at, kind, author, body FROM dashboard.incident_timeline WHERE incident_id = $1 ORDER BY at, id")
                {
                    Parameters = { new NpgsqlParameter { Value = id } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var incident = ReadIncident(reader);
        await reader.NextResultAsync(cancellationToken);
        var alerts = new List<IncidentAlert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new IncidentAlert(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var timeline = new List<TimelineEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            timeline.Add(new TimelineEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        return new IncidentDetail(incident, alerts, timeline);
    }

    /// <summary>Who may lead: every enabled user, by display name.</summary>
    public async Task<IReadOnlyList<IncidentLead>> ListLeadsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "Id", coalesce(nullif("DisplayName", ''), "UserName", "Id") AS name
              FROM dashboard.users WHERE NOT "IsDisabled" ORDER BY name, "Id"
            """);
        var list = new List<IncidentLead>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new IncidentLead(reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }

    /// <summary>
    /// Opens an incident (one transaction: the incident, its "opened" row, the linked alert and the alert's transitions so
    /// far). <paramref name="author"/> is the signed-in user's name. Returns the new id, or null when the lead (or, with
    /// no lead given, the author) is not a user of the dashboard. Throws <see cref="IncidentAlreadyOpenException"/> when
    /// an open incident is already linked to the alert (checked under a per-alert lock, so two at once open one).
    /// </summary>
    public async Task<long?> OpenAsync(NewIncident incident, string author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentException.ThrowIfNullOrEmpty(author);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (incident.Alert is { } linked)
        {
            // Two people opening an incident from the same alert at the same instant: the second waits for the first's
            // commit on this lock (per alert, released with the transaction) and then finds its incident.
            await using var guard = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('incident-alert:' || $1, 0))", connection, transaction);
            guard.Parameters.Add(new NpgsqlParameter { Value = linked.Fingerprint });
            await guard.ExecuteNonQueryAsync(cancellationToken);
            await using var open = new NpgsqlCommand(OpenForAlert, connection, transaction);
            open.Parameters.Add(new NpgsqlParameter { Value = linked.Fingerprint });
            if (await open.ExecuteScalarAsync(cancellationToken) is long existing)
            {
                throw new IncidentAlreadyOpenException(existing);
            }
        }

        await using var insert = new NpgsqlCommand($"""
            INSERT INTO dashboard.incidents (title, severity, lead_user_id, opened_at, opened_by, status)
            SELECT $2, $3, u."Id", $4, {AuthorName}, 'open'
              FROM dashboard.users u
             WHERE u."Id" = coalesce($5, (SELECT "Id" FROM dashboard.users WHERE "UserName" = $1))
            RETURNING id, opened_by
            """, connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = author });
        insert.Parameters.Add(new NpgsqlParameter { Value = incident.Title.Trim() });
        insert.Parameters.Add(new NpgsqlParameter { Value = incident.Severity });
        insert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)incident.LeadUserId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        long id;
        string openedBy;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (id, openedBy) = (reader.GetInt64(0), reader.GetString(1));
        }

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body) VALUES ($1, $2, 'opened', $3, $4)")
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = now.ToUniversalTime() },
                        new NpgsqlParameter { Value = openedBy }, new NpgsqlParameter { Value = incident.Title.Trim() },
                    },
                },
            },
        };
        if (incident.Alert is { } alert)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO dashboard.incident_alerts (incident_id, fingerprint, alertname, since) VALUES ($1, $2, $3, $4)")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = alert.Fingerprint },
                    new NpgsqlParameter { Value = alert.AlertName }, new NpgsqlParameter { Value = alert.Since.ToUniversalTime() },
                },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand(CopyTransitions + " AND l.incident_id = $1" + OnConflict)
            {
                Parameters = { new NpgsqlParameter { Value = id } },
            });
        }

        batch.BatchCommands.Add(NotifyCommand());
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private const string OpenForAlert = """
        SELECT max(i.id)
          FROM dashboard.incident_alerts l JOIN dashboard.incidents i ON i.id = l.incident_id AND i.status = 'open'
         WHERE l.fingerprint = $1
        """;

    /// <summary>The newest open incident linked to the alert with <paramref name="fingerprint"/>, or null.</summary>
    public async Task<long?> FindOpenForAlertAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(OpenForAlert);
        command.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    /// <summary>Adds a person's note. False when there is no such incident.</summary>
    public async Task<bool> AddNoteAsync(long id, string text, string author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await ExecuteNotifyingAsync($"""
            INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body)
            SELECT id, $3, 'note', {AuthorName}, $4 FROM dashboard.incidents WHERE id = $2
            """, command =>
        {
            AddAuthorIdTime(command, author, id, now);
            command.Parameters.Add(new NpgsqlParameter { Value = text.Trim() });
        }, cancellationToken) == 1;
    }

    /// <summary>Resolves an open incident with a summary and an optional post-mortem link. False when it is not open (or not there).</summary>
    public async Task<bool> ResolveAsync(long id, string summary, string? postMortemUrl, string author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var url = IncidentRules.PostMortemLink(postMortemUrl)?.AbsoluteUri;
        if (!string.IsNullOrWhiteSpace(postMortemUrl) && url is null)
        {
            throw new ArgumentException("A post-mortem link is an absolute http or https address.", nameof(postMortemUrl));
        }

        return await ExecuteNotifyingAsync($"""
            WITH resolved AS (
                UPDATE dashboard.incidents
                   SET status = 'resolved', resolved_at = $3, resolved_by = {AuthorName}, summary = $4, postmortem_url = $5
                 WHERE id = $2 AND status = 'open'
             RETURNING id, resolved_by)
            INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body)
            SELECT id, $3, 'resolved', resolved_by, $4 FROM resolved
            """, command =>
        {
            AddAuthorIdTime(command, author, id, now);
            command.Parameters.Add(new NpgsqlParameter { Value = summary.Trim() });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)url ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }, cancellationToken) == 1;
    }

    /// <summary>Reopens a resolved incident (its resolution is cleared; the timeline keeps it). False when it is not resolved.</summary>
    public async Task<bool> ReopenAsync(long id, string author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await ExecuteNotifyingAsync($"""
            WITH reopened AS (
                UPDATE dashboard.incidents
                   SET status = 'open', resolved_at = NULL, resolved_by = NULL
                 WHERE id = $2 AND status = 'resolved'
             RETURNING id)
            INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body)
            SELECT id, $3, 'reopened', {AuthorName}, '' FROM reopened
            """, command => AddAuthorIdTime(command, author, id, now), cancellationToken) == 1;
    }

    /// <summary>Copies the linked alerts' new transitions into the open incidents' timelines. Returns how many rows were added.</summary>
    public async Task<int> RecordAlertTransitionsAsync(CancellationToken cancellationToken)
    {
        return await ExecuteNotifyingAsync(CopyTransitions + OnConflict, _ => { }, cancellationToken);
    }

    /// <summary>
    /// Adds each HPA scale event (desired replicas from → to) to the timeline of every incident open at that moment.
    /// Returns how many rows were added (an event already recorded is skipped).
    /// </summary>
    public async Task<int> RecordScaleEventsAsync(IReadOnlyList<ScaleEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return 0;
        }

        return await ExecuteNotifyingAsync("""
            INSERT INTO dashboard.incident_timeline (incident_id, at, kind, author, body, source)
            SELECT i.id, e.at, 'scale', NULL, e.from_pods || '→' || e.to_pods,
                   'scale:' || (extract(epoch FROM e.at) * 1000)::bigint || ':' || e.from_pods || ':' || e.to_pods
              FROM unnest($1::timestamptz[], $2::int[], $3::int[]) AS e (at, from_pods, to_pods)
              JOIN dashboard.incidents i ON i.status = 'open' AND i.opened_at <= e.at
            ON CONFLICT (incident_id, source) WHERE source <> '' DO NOTHING
            """, command =>
        {
            command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.At.ToUniversalTime()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.From).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.To).ToArray() });
        }, cancellationToken);
    }

    /// <summary>
    /// Open incidents, post-mortems due (resolved without a link), the mean time to resolve of those resolved in the last
    /// 30 days, and which alerts an open incident is linked to (the inbox shows that incident instead of offering another).
    /// </summary>
    public async Task<IncidentSummary> GetSummaryAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    SELECT count(*) FILTER (WHERE status = 'open'),
                           count(*) FILTER (WHERE status = 'resolved' AND postmortem_url IS NULL),
                           count(*) FILTER (WHERE {ResolvedBetween}),
                           {MeanTimeToResolve}
                      FROM dashboard.incidents
                    """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter { Value = (now - IncidentSummary.MttrWindow).ToUniversalTime() },
                        new NpgsqlParameter { Value = now.ToUniversalTime() },
                    },
                },
                new NpgsqlBatchCommand("""
                    SELECT l.fingerprint, max(i.id)
                      FROM dashboard.incident_alerts l JOIN dashboard.incidents i ON i.id = l.incident_id AND i.status = 'open'
                     GROUP BY l.fingerprint ORDER BY l.fingerprint
                    """),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (open, due, resolved) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
        TimeSpan? mean = reader.IsDBNull(3) ? null : reader.GetFieldValue<TimeSpan>(3);
        await reader.NextResultAsync(cancellationToken);
        var links = new List<OpenIncidentLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new OpenIncidentLink(reader.GetString(0), reader.GetInt64(1)));
        }

        return new IncidentSummary(now, open, due, resolved, mean) { OpenLinks = links };
    }

    /// <summary>
    /// The incidents opened or resolved in the window (<paramref name="from"/>, <paramref name="to"/>] (oldest opened
    /// first, as they stand now), how many were opened and resolved in it and their mean time to resolve
    /// (<see cref="PeriodSql"/>, the same calculation as the summary's).
    /// </summary>
    public async Task<IncidentPeriod> GetPeriodAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        NpgsqlParameter[] Window() =>
            [new NpgsqlParameter { Value = from.ToUniversalTime() }, new NpgsqlParameter { Value = to.ToUniversalTime() }];

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var figures = new NpgsqlBatchCommand(PeriodSql);
        figures.Parameters.AddRange(Window());
        var list = new NpgsqlBatchCommand($"""
            SELECT {Columns}
              FROM dashboard.incidents i LEFT JOIN dashboard.users u ON u."Id" = i.lead_user_id
             WHERE ({OpenedBetween}) OR ({ResolvedBetween})
             ORDER BY i.opened_at, i.id
            """);
        list.Parameters.AddRange(Window());
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { figures, list } };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (opened, resolved) = ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
        TimeSpan? mean = reader.IsDBNull(2) ? null : reader.GetFieldValue<TimeSpan>(2);
        await reader.NextResultAsync(cancellationToken);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken))
        {
            incidents.Add(ReadIncident(reader));
        }

        return new IncidentPeriod(incidents, opened, resolved, mean);
    }

    /// <summary>
    /// Runs one write in a transaction and, when it changed rows, NOTIFYs <see cref="IncidentEvents.Channel"/> in the same
    /// transaction (a notification exists only if the change committed). Returns the rows the write changed.
    /// </summary>
    private async Task<int> ExecuteNotifyingAsync(string sql, Action<NpgsqlCommand> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        parameters(command);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        if (rows > 0)
        {
            await using var notify = new NpgsqlBatch(connection, transaction) { BatchCommands = { NotifyCommand() } };
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private NpgsqlBatchCommand NotifyCommand() => new("SELECT pg_notify($1, $2)")
    {
        Parameters = { new NpgsqlParameter { Value = IncidentEvents.Channel }, new NpgsqlParameter { Value = Origin } },
    };

    private static void AddAuthorIdTime(NpgsqlCommand command, string author, long id, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(author);
        command.Parameters.Add(new NpgsqlParameter { Value = author });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
    }

    private static Incident ReadIncident(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.GetString(6),
        reader.GetString(7) == "open" ? IncidentStatus.Open : IncidentStatus.Resolved,
        reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11));
}

using Microsoft.AspNetCore.TestHost;

namespace BarberPro.Tests.Shared;

public sealed partial class HubTestClient
{
    /// <summary>Connects to the in-memory test server and completes the handshake; throws when the upgrade is refused.</summary>
    public static async Task<HubTestClient> ConnectAsync(TestServer server, string path, string? cookieHeader,
        string? origin = "http://localhost", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (cookieHeader is { Length: > 0 })
            {
                request.Headers.Cookie = cookieHeader;
            }
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        var socket = await client.ConnectAsync(new Uri("ws://localhost" + path), cancellationToken);
        return await StartAsync(socket, cancellationToken);
    }
}

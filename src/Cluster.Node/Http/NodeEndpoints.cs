using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;
using ActorOrders.Participants.Http;

namespace ActorOrders.Node.Http;

/// <summary>Endpoints of the node itself: health and the simulators' ledger (shared with the participants host).</summary>
public static class NodeEndpoints
{
    public const string LiveTag = HealthEndpoints.LiveTag;
    public const string ReadyTag = HealthEndpoints.ReadyTag;

    /// <summary>The 404 detail of the ledger endpoints on a node in Remote mode.</summary>
    public const string LedgerIsRemote =
        "This node's participants run in the participants host (ActorOrders:Participants:Mode is Remote): " +
        "GET /participants/ledger and POST /participants/heal are served there (src/Participants.Host, http://127.0.0.1:5070 by default).";

    public static WebApplication MapNodeEndpoints(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<NodeSettings>();
        var remote = settings.Participants.Mode == ParticipantsMode.Remote;

        app.MapHealthEndpoints();
        app.MapParticipantsEndpoints(new ParticipantsEndpointOptions
        {
            Ledger = services => !remote && services.GetRequiredService<ActorRegistry>().TryGet<ParticipantsLedger>(out var ledger) && !ledger.IsNobody() ? ledger : null,
            NoLedgerDetail = remote ? LedgerIsRemote : "This node runs no simulated participants.",
            AskTimeout = settings.Http.AskTimeout,
        });
        return app;
    }
}

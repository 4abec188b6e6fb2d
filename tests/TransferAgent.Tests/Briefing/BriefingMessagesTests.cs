using System.Text.Json;
using LiveKit.Rtc;
using Microsoft.Extensions.DependencyInjection;
using WarmTransfer.TransferAgent.Briefing;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Tests.Briefing;

/// <summary>Parsing of what reaches the briefing from outside: dispatch metadata, repeat requests and transfer signals.</summary>
public sealed class BriefingMessagesTests
{
    [Fact]
    public void HandoffJobRequest_TryParse_DispatchMetadata_Read()
    {
        var metadata = JsonSerializer.Deserialize<JsonElement>("""{"kind":"handoff","transferId":"T-1","callRoom":"R","handoffRoom":"H"}""");

        Assert.True(HandoffJobRequest.TryParse(metadata, out var request, out _));
        Assert.Equal(new HandoffJobRequest("T-1", "R", "H"), request);
    }

    [Fact]
    public void HandoffJobRequest_TryParse_MissingMembers_NamedInTheError()
    {
        var metadata = JsonSerializer.Deserialize<JsonElement>("""{"kind":"handoff","transferId":"T-1","callRoom":7}""");

        Assert.False(HandoffJobRequest.TryParse(metadata, out _, out string? error));
        Assert.Equal("the handoff job metadata lacks string member(s) callRoom, handoffRoom", error);
    }

    [Theory]
    [InlineData("""{"action":"repeat"}""", true)]
    [InlineData("""{"action":"REPEAT","from":"page"}""", true)]
    [InlineData("""{"action":"stop"}""", false)]
    [InlineData("""["repeat"]""", false)]
    [InlineData("""{"action":""", false)]
    [InlineData("", false)]
    public void BriefingRequest_IsRepeat_OnlyTheRepeatAction(string payload, bool expected) =>
        Assert.Equal(expected, BriefingRequest.IsRepeat(System.Text.Encoding.UTF8.GetBytes(payload)));

    [Fact]
    public void TransferSignal_TryParse_ControlApiPacket_ReadAndStateClassified()
    {
        Assert.True(TransferSignal.TryParse("""{"transferId":"T-2","state":"Cancelled","handoffRoom":"H","reason":null}"""u8, out var signal));
        Assert.Equal(new TransferSignal("T-2", "Cancelled", "H", null), signal);
        Assert.False(TransferStates.IsInProgress(signal!.State));
        Assert.True(TransferStates.IsInProgress("Briefing"));
        Assert.False(TransferSignal.TryParse("""{"state":"Cancelled"}"""u8, out _));
        Assert.False(TransferSignal.TryParse("not json"u8, out _));
    }

    [Fact]
    public async Task HandoffRoomJob_Registered_KindHandoffAndBadMetadataFailsTheJobOnly()
    {
        var services = new ServiceCollection().AddHandoffBriefing(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var registration = Assert.Single(services, d => d.ServiceType == typeof(IRoomJob));
        Assert.Equal(typeof(HandoffRoomJob), registration.ImplementationType);

        var job = new HandoffRoomJob(null!, Microsoft.Extensions.Options.Options.Create(LiveKitServerOptions.Development));
        await using var room = new Room();
        var context = new RoomJobContext
        {
            Room = room,
            Metadata = JsonSerializer.Deserialize<JsonElement>("""{"kind":"handoff"}"""),
            JobId = "AJ_1",
            ServerUrl = "ws://127.0.0.1:7880",
            RoomName = "H",
            Kind = "handoff",
            ParticipantIdentity = "bot",
            Services = new ServiceCollection().BuildServiceProvider(),
        };

        Assert.Equal("handoff", job.Kind);
        var e = await Assert.ThrowsAsync<JobFailedException>(() => job.RunAsync(context, CancellationToken.None));
        Assert.Contains("transferId", e.Message, StringComparison.Ordinal);
    }
}

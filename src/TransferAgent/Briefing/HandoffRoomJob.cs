using LiveKit.Rtc;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// The worker's <c>handoff</c> job: reads <see cref="HandoffJobRequest"/> from the dispatch metadata and runs
/// <see cref="HandoffBriefingJob"/> through a visible companion participant (<c>{bot identity}-voice</c>): the
/// dispatched bot joins hidden, and LiveKit forwards no track of a hidden participant, so Agent B would hear nothing.
/// </summary>
public sealed class HandoffRoomJob(HandoffBriefingJob briefing, IOptions<LiveKitServerOptions> server) : IRoomJob
{
    public string Kind => HandoffJobRequest.Kind;

    public async Task RunAsync(RoomJobContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HandoffJobRequest.TryParse(context.Metadata, out var request, out string? error))
        {
            throw new JobFailedException(error);
        }

        string token = WorkerTokens.MintCompanion(server.Value, context.RoomName, context.ParticipantIdentity + "-voice", "Transfer assistant", canSubscribe: true, canPublishData: true);
        var voice = new Room();
        await using (voice.ConfigureAwait(false))
        {
            try
            {
                await voice.ConnectAsync(context.ServerUrl, token, new RoomOptions { AutoSubscribe = true }, ct).ConfigureAwait(false);
            }
            catch (RtcException e)
            {
                throw new JobFailedException($"the briefing voice could not join room '{context.RoomName}': {e.Message}");
            }

            await briefing.RunAsync(voice, request, ct).ConfigureAwait(false);
        }
    }
}

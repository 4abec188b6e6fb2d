using Microsoft.Extensions.Hosting;
using WarmTransfer.ServiceDefaults;
using WarmTransfer.TransferAgent.Hosting;

// The worker: registers with LiveKit's agent dispatch, runs call-room and handoff-room jobs, serves health endpoints.
// Settings: docs/development.md (LIVEKIT_URL, LIVEKIT_API_KEY/SECRET, AGENT_NAME, Worker:*, Health:Urls, Stt/Tts/Summary/Vad).
return await HostRunner.RunAsync(() => TransferAgentHost.CreateBuilder(args).Build(), "The transfer worker", Console.Error).ConfigureAwait(false);

namespace WarmTransfer.ControlApi.Seed;

/// <summary>Seed <c>POST /transfer</c> answer: <c>{newRoom, summary, agentAToken, agentBToken, wsUrl, transferId}</c>.</summary>
internal sealed record SeedTransferResponse(string NewRoom, string Summary, string AgentAToken, string AgentBToken, string WsUrl, string TransferId);

using LiveKit.Proto;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>How a job ended, as reported to the server in <c>update_job</c>.</summary>
/// <param name="Status"><see cref="JobStatus.JsSuccess"/> or <see cref="JobStatus.JsFailed"/>.</param>
/// <param name="Error">Why it failed; empty on success. Sent to the server: no secrets, no call content.</param>
public sealed record JobOutcome(string JobId, string RoomName, JobStatus Status, string Error);

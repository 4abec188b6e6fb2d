namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>Outcome of claiming an idempotency key; <see cref="Response"/> is set for <see cref="ReservationStatus.Replay"/>.</summary>
internal sealed record IdempotencyReservation(ReservationStatus Status, StoredResponse? Response = null);

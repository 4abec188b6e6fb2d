namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Why a transfer command did not succeed; maps one-to-one onto an HTTP status.</summary>
internal enum TransferError
{
    None,

    /// <summary>404: no such transfer or room.</summary>
    NotFound,

    /// <summary>403: the actor may not do this to this transfer.</summary>
    Forbidden,

    /// <summary>409: the transfer's state does not allow it, or the call room already has an active transfer.</summary>
    Conflict,

    /// <summary>422: the request is well-formed but names something unusable (unknown agent, self-transfer).</summary>
    Unprocessable,

    /// <summary>502: LiveKit refused or was unreachable; the transfer was recorded as Failed.</summary>
    LiveKitFailed,
}

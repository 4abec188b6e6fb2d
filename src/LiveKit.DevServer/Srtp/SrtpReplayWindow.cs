namespace LiveKit.DevServer.Srtp;

/// <summary>
/// Sliding replay window over packet indices (RFC 3711 §3.3.2): the highest authenticated index and a bitmap of the
/// 64 before it. An index is fresh when above the highest, or inside the window and not yet seen.
/// </summary>
internal struct SrtpReplayWindow
{
    public const int Size = 64;

    private ulong _highest;
    private ulong _seen;
    private bool _any;

    public readonly bool IsFresh(ulong index)
    {
        if (!_any || index > _highest)
        {
            return true;
        }

        ulong delta = _highest - index;
        return delta < Size && (_seen & (1UL << (int)delta)) == 0;
    }

    /// <summary>Records an index that authenticated; call only after <see cref="IsFresh"/> accepted it.</summary>
    public void Accept(ulong index)
    {
        if (!_any)
        {
            _any = true;
            _highest = index;
            _seen = 1;
            return;
        }

        if (index > _highest)
        {
            ulong shift = index - _highest;
            _seen = shift >= Size ? 1 : (_seen << (int)shift) | 1;
            _highest = index;
        }
        else
        {
            _seen |= 1UL << (int)(_highest - index);
        }
    }
}

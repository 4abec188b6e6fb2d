using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.Vad;

/// <summary>
/// Turns per-window speech probabilities into speech segments (the state machine behind
/// <see cref="VoiceActivityDetector"/>, separate so it can be driven with synthetic probabilities):
/// Silence -> Pending (probability reached the activation threshold) -> Speech (speech lasted the minimum) ->
/// Silence (the minimum silence passed below the deactivation threshold). Pending speech that stops early is
/// dropped as a blip. Audio is buffered from <see cref="VadOptions.SpeechPadding"/> before the start.
/// </summary>
/// <remarks>Not thread-safe. Buffers grow to the longest segment and are reused; each emitted segment owns a copy.</remarks>
public sealed class SpeechSegmenter
{
    private readonly int _sampleRate;
    private readonly float _activation;
    private readonly float _deactivation;
    private readonly long _minSpeech;
    private readonly long _minSilence;
    private readonly int _padding;
    private readonly long _maxSegment;
    private readonly short[] _preroll;
    private int _prerollWrite;
    private int _prerollCount;
    private short[] _segment;
    private int _segmentLength;
    private State _state;
    private long _position;          // samples consumed
    private long _segmentStart;      // stream sample of _segment[0]
    private long _speechStart;       // first speech window of the current segment
    private long _lastSpeechEnd;     // end of the last window at or above the deactivation threshold
    private long _speechSamples;
    private long _silenceSamples;
    private int _segmentIndex;

    public SpeechSegmenter(VadOptions options, int sampleRate = SileroVadModel.SampleRate)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sampleRate = sampleRate;
        _activation = (float)options.ActivationThreshold;
        _deactivation = (float)options.DeactivationThreshold;
        _minSpeech = PcmAudio.TimeToSamples(options.MinSpeechDuration, sampleRate);
        _minSilence = PcmAudio.TimeToSamples(options.MinSilenceDuration, sampleRate);
        _padding = PcmAudio.TimeToSamples(options.SpeechPadding, sampleRate);
        _maxSegment = PcmAudio.TimeToSamples(options.MaxSegmentDuration, sampleRate);
        _preroll = new short[Math.Max(1, _padding)];
        _segment = new short[sampleRate * 2];
    }

    private enum State
    {
        Silence,
        Pending,
        Speech,
    }

    /// <summary>True while speech has been confirmed and not yet ended.</summary>
    public bool InSpeech => _state == State.Speech;

    /// <summary>Stream time consumed so far.</summary>
    public TimeSpan Position => PcmAudio.SamplesToTime(_position, _sampleRate);

    /// <summary>Feeds one window and its speech probability; appends any resulting events.</summary>
    public void Process(ReadOnlySpan<short> window, float probability, ICollection<VadEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long windowStart = _position;
        long windowEnd = _position + window.Length;
        switch (_state)
        {
            case State.Silence when probability >= _activation:
                _state = State.Pending;
                _segmentLength = 0;
                CopyPrerollIntoSegment();
                _segmentStart = windowStart - _segmentLength;
                _speechStart = windowStart;
                _speechSamples = 0;
                _silenceSamples = 0;
                Track(window, probability, windowEnd);
                if (_speechSamples >= _minSpeech)
                {
                    Confirm(events);
                }

                break;

            case State.Pending:
                Track(window, probability, windowEnd);
                if (_silenceSamples >= _minSilence)
                {
                    _state = State.Silence; // a blip: too short to be speech
                    _segmentLength = 0;
                }
                else if (_speechSamples >= _minSpeech)
                {
                    Confirm(events);
                }

                break;

            case State.Speech:
                Track(window, probability, windowEnd);
                if (_silenceSamples >= _minSilence)
                {
                    EndSegment(Math.Min(_lastSpeechEnd + _padding, windowEnd), split: false, events);
                    _state = State.Silence;
                }
                else if (windowEnd - _segmentStart >= _maxSegment)
                {
                    EndSegment(windowEnd, split: true, events);
                    _segmentLength = 0;
                    _segmentStart = windowEnd;
                    _speechStart = windowEnd;
                    events.Add(VadEvent.Started(PcmAudio.SamplesToTime(windowEnd, _sampleRate)));
                }

                break;
        }

        AddToPreroll(window);
        _position = windowEnd;
    }

    /// <summary>Ends the stream: a confirmed segment in progress is emitted, pending speech is dropped.</summary>
    public void Complete(ICollection<VadEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_state == State.Speech)
        {
            EndSegment(Math.Min(_lastSpeechEnd + _padding, _position), split: false, events);
        }

        _state = State.Silence;
        _segmentLength = 0;
    }

    private void Track(ReadOnlySpan<short> window, float probability, long windowEnd)
    {
        Append(window);
        if (probability >= _deactivation)
        {
            _speechSamples += window.Length;
            _silenceSamples = 0;
            _lastSpeechEnd = windowEnd;
        }
        else
        {
            _silenceSamples += window.Length;
        }
    }

    private void Confirm(ICollection<VadEvent> events)
    {
        _state = State.Speech;
        events.Add(VadEvent.Started(PcmAudio.SamplesToTime(_speechStart, _sampleRate)));
    }

    private void EndSegment(long end, bool split, ICollection<VadEvent> events)
    {
        int length = (int)Math.Clamp(end - _segmentStart, 0, _segmentLength);
        var audio = new PcmAudio(_segment.AsSpan(0, length).ToArray(), _sampleRate);
        events.Add(VadEvent.Ended(new SpeechSegment(_segmentIndex++, PcmAudio.SamplesToTime(_segmentStart, _sampleRate), audio, split)));
    }

    private void Append(ReadOnlySpan<short> samples)
    {
        if (_segmentLength + samples.Length > _segment.Length)
        {
            Array.Resize(ref _segment, Math.Max(_segment.Length * 2, _segmentLength + samples.Length));
        }

        samples.CopyTo(_segment.AsSpan(_segmentLength));
        _segmentLength += samples.Length;
    }

    private void AddToPreroll(ReadOnlySpan<short> window)
    {
        if (_padding == 0)
        {
            return;
        }

        foreach (short s in window.Length > _preroll.Length ? window[^_preroll.Length..] : window)
        {
            _preroll[_prerollWrite] = s;
            _prerollWrite = (_prerollWrite + 1) % _preroll.Length;
        }

        _prerollCount = Math.Min(_preroll.Length, _prerollCount + window.Length);
    }

    private void CopyPrerollIntoSegment()
    {
        if (_prerollCount == 0)
        {
            return;
        }

        int oldest = (_prerollWrite - _prerollCount + _preroll.Length) % _preroll.Length;
        int first = Math.Min(_prerollCount, _preroll.Length - oldest);
        Append(_preroll.AsSpan(oldest, first));
        Append(_preroll.AsSpan(0, _prerollCount - first));
    }
}

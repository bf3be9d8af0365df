namespace ContactCenter.Sdp;

/// <summary>Collects parsed lines in order and enforces where each line type may appear (RFC 4566 §5).</summary>
internal sealed class SdpSessionBuilder
{
    private readonly List<string> _emails = [];
    private readonly List<string> _phones = [];
    private readonly List<SdpBandwidth> _bandwidths = [];
    private readonly List<SdpTiming> _timings = [];
    private readonly List<SdpAttribute> _attributes = [];
    private readonly List<SdpMedia> _media = [];
    private readonly List<SdpTimeZoneAdjustment> _timeZones = [];
    private readonly List<SdpRepeatTime> _repeats = [];
    private MediaBuilder? _current;
    private int _lines;
    private SdpOrigin? _origin;
    private string? _sessionName;
    private string? _information;
    private string? _uri;
    private SdpConnection? _connection;
    private string? _key;

    public SdpParseErrorCode Add(char type, string value)
    {
        _lines++;
        switch (_lines)
        {
            case 1:
                return type == 'v' && value == "0" ? SdpParseErrorCode.None : SdpParseErrorCode.InvalidVersion;
            case 2:
                return type == 'o' ? ParseOrigin(value) : SdpParseErrorCode.InvalidOrigin;
            case 3:
                if (type != 's')
                {
                    return SdpParseErrorCode.InvalidSessionName;
                }

                _sessionName = value;
                return SdpParseErrorCode.None;
            default:
                break;
        }

        if (type == 'm')
        {
            return StartMedia(value);
        }

        return _current is null ? AddSessionLine(type, value) : _current.Add(type, value);
    }

    public SdpParseErrorCode Validate() => _lines switch
    {
        0 => SdpParseErrorCode.Empty,
        1 => SdpParseErrorCode.InvalidOrigin,
        2 => SdpParseErrorCode.InvalidSessionName,
        _ => SdpParseErrorCode.None,
    };

    public SdpSession Build()
    {
        FinishMedia();
        FinishTiming();
        var session = new SdpSession(_origin!, _sessionName!)
        {
            Information = _information,
            Uri = _uri,
            Emails = [.. _emails],
            Phones = [.. _phones],
            Connection = _connection,
            Bandwidths = [.. _bandwidths],
            TimeZones = [.. _timeZones],
            EncryptionKey = _key,
            Attributes = [.. _attributes],
            Media = [.. _media],
        };

        // A description without t= still means t=0 0, the record's default.
        return _timings.Count == 0 ? session : session with { Timings = [.. _timings] };
    }

    private SdpParseErrorCode ParseOrigin(string value) =>
        SdpLineGrammar.TryParseOrigin(value, out _origin) ? SdpParseErrorCode.None : SdpParseErrorCode.InvalidOrigin;

    private SdpParseErrorCode AddSessionLine(char type, string value)
    {
        switch (type)
        {
            case 'i' when _information is null:
                _information = value;
                return SdpParseErrorCode.None;
            case 'u' when _uri is null:
                _uri = value;
                return SdpParseErrorCode.None;
            case 'e':
                _emails.Add(value);
                return SdpParseErrorCode.None;
            case 'p':
                _phones.Add(value);
                return SdpParseErrorCode.None;
            case 'c':
                if (_connection is not null || !SdpLineGrammar.TryParseConnection(value, out _connection))
                {
                    return SdpParseErrorCode.InvalidConnection;
                }

                return SdpParseErrorCode.None;
            case 'b':
                return AddBandwidth(_bandwidths, value);
            case 't':
                FinishTiming();
                if (!SdpLineGrammar.TryParseTiming(value, out SdpTiming? timing))
                {
                    return SdpParseErrorCode.InvalidTiming;
                }

                _timings.Add(timing);
                return SdpParseErrorCode.None;
            case 'r':
                if (_timings.Count == 0 || !SdpLineGrammar.TryParseRepeat(value, out SdpRepeatTime? repeat))
                {
                    return SdpParseErrorCode.InvalidTiming;
                }

                _repeats.Add(repeat);
                return SdpParseErrorCode.None;
            case 'z':
                if (_timeZones.Count > 0 || !SdpLineGrammar.TryParseTimeZones(value, _timeZones))
                {
                    return SdpParseErrorCode.InvalidTiming;
                }

                return SdpParseErrorCode.None;
            case 'k' when _key is null:
                _key = value;
                return SdpParseErrorCode.None;
            case 'a':
                return AddAttribute(_attributes, value);
            case 'v' or 'o' or 's' or 'i' or 'u' or 'k':
                return SdpParseErrorCode.LineOutOfPlace;
            default:
                return SdpParseErrorCode.UnknownLineType;
        }
    }

    private SdpParseErrorCode StartMedia(string value)
    {
        FinishMedia();
        FinishTiming();
        if (!SdpLineGrammar.TryParseMedia(value, out SdpMedia? media))
        {
            return SdpParseErrorCode.InvalidMedia;
        }

        _current = new MediaBuilder(media);
        return SdpParseErrorCode.None;
    }

    private void FinishMedia()
    {
        if (_current is not null)
        {
            _media.Add(_current.Build());
            _current = null;
        }
    }

    private void FinishTiming()
    {
        if (_repeats.Count > 0)
        {
            _timings[^1] = _timings[^1] with { Repeats = [.. _repeats] };
            _repeats.Clear();
        }
    }

    private static SdpParseErrorCode AddBandwidth(List<SdpBandwidth> bandwidths, string value)
    {
        if (!SdpLineGrammar.TryParseBandwidth(value, out SdpBandwidth? bandwidth))
        {
            return SdpParseErrorCode.InvalidBandwidth;
        }

        bandwidths.Add(bandwidth);
        return SdpParseErrorCode.None;
    }

    private static SdpParseErrorCode AddAttribute(List<SdpAttribute> attributes, string value)
    {
        if (!SdpLineGrammar.TryParseAttribute(value, out SdpAttribute? attribute))
        {
            return SdpParseErrorCode.InvalidAttribute;
        }

        attributes.Add(attribute);
        return SdpParseErrorCode.None;
    }

    private sealed class MediaBuilder(SdpMedia media)
    {
        private readonly List<SdpBandwidth> _bandwidths = [];
        private readonly List<SdpAttribute> _attributes = [];
        private string? _information;
        private SdpConnection? _connection;
        private string? _key;

        public SdpParseErrorCode Add(char type, string value)
        {
            switch (type)
            {
                case 'i' when _information is null:
                    _information = value;
                    return SdpParseErrorCode.None;
                case 'c':
                    return _connection is null && SdpLineGrammar.TryParseConnection(value, out _connection)
                        ? SdpParseErrorCode.None
                        : SdpParseErrorCode.InvalidConnection;
                case 'b':
                    return AddBandwidth(_bandwidths, value);
                case 'k' when _key is null:
                    _key = value;
                    return SdpParseErrorCode.None;
                case 'a':
                    return AddAttribute(_attributes, value);
                case 'v' or 'o' or 's' or 'i' or 'u' or 'e' or 'p' or 't' or 'r' or 'z' or 'k':
                    return SdpParseErrorCode.LineOutOfPlace;
                default:
                    return SdpParseErrorCode.UnknownLineType;
            }
        }

        public SdpMedia Build() => media with
        {
            Information = _information,
            Connection = _connection,
            Bandwidths = [.. _bandwidths],
            EncryptionKey = _key,
            Attributes = [.. _attributes],
        };
    }
}

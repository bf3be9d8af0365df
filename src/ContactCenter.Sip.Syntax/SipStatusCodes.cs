namespace ContactCenter.Sip.Syntax;

/// <summary>SIP status codes (RFC 3261 §21 and extensions) and their default reason phrases.</summary>
public static class SipStatusCodes
{
    /// <summary>100 Trying.</summary>
    public const int Trying = 100;

    /// <summary>180 Ringing.</summary>
    public const int Ringing = 180;

    /// <summary>181 Call Is Being Forwarded.</summary>
    public const int CallIsBeingForwarded = 181;

    /// <summary>182 Queued.</summary>
    public const int Queued = 182;

    /// <summary>183 Session Progress.</summary>
    public const int SessionProgress = 183;

    /// <summary>199 Early Dialog Terminated.</summary>
    public const int EarlyDialogTerminated = 199;

    /// <summary>200 OK.</summary>
    public const int OK = 200;

    /// <summary>202 Accepted.</summary>
    public const int Accepted = 202;

    /// <summary>204 No Notification.</summary>
    public const int NoNotification = 204;

    /// <summary>300 Multiple Choices.</summary>
    public const int MultipleChoices = 300;

    /// <summary>301 Moved Permanently.</summary>
    public const int MovedPermanently = 301;

    /// <summary>302 Moved Temporarily.</summary>
    public const int MovedTemporarily = 302;

    /// <summary>305 Use Proxy.</summary>
    public const int UseProxy = 305;

    /// <summary>380 Alternative Service.</summary>
    public const int AlternativeService = 380;

    /// <summary>400 Bad Request.</summary>
    public const int BadRequest = 400;

    /// <summary>401 Unauthorized.</summary>
    public const int Unauthorized = 401;

    /// <summary>402 Payment Required.</summary>
    public const int PaymentRequired = 402;

    /// <summary>403 Forbidden.</summary>
    public const int Forbidden = 403;

    /// <summary>404 Not Found.</summary>
    public const int NotFound = 404;

    /// <summary>405 Method Not Allowed.</summary>
    public const int MethodNotAllowed = 405;

    /// <summary>406 Not Acceptable.</summary>
    public const int NotAcceptable = 406;

    /// <summary>407 Proxy Authentication Required.</summary>
    public const int ProxyAuthenticationRequired = 407;

    /// <summary>408 Request Timeout.</summary>
    public const int RequestTimeout = 408;

    /// <summary>410 Gone.</summary>
    public const int Gone = 410;

    /// <summary>412 Conditional Request Failed.</summary>
    public const int ConditionalRequestFailed = 412;

    /// <summary>413 Request Entity Too Large.</summary>
    public const int RequestEntityTooLarge = 413;

    /// <summary>414 Request-URI Too Long.</summary>
    public const int RequestUriTooLong = 414;

    /// <summary>415 Unsupported Media Type.</summary>
    public const int UnsupportedMediaType = 415;

    /// <summary>416 Unsupported URI Scheme.</summary>
    public const int UnsupportedURIScheme = 416;

    /// <summary>417 Unknown Resource-Priority.</summary>
    public const int UnknownResourcePriority = 417;

    /// <summary>420 Bad Extension.</summary>
    public const int BadExtension = 420;

    /// <summary>421 Extension Required.</summary>
    public const int ExtensionRequired = 421;

    /// <summary>422 Session Interval Too Small.</summary>
    public const int SessionIntervalTooSmall = 422;

    /// <summary>423 Interval Too Brief.</summary>
    public const int IntervalTooBrief = 423;

    /// <summary>428 Use Identity Header.</summary>
    public const int UseIdentityHeader = 428;

    /// <summary>429 Provide Referrer Identity.</summary>
    public const int ProvideReferrerIdentity = 429;

    /// <summary>433 Anonymity Disallowed.</summary>
    public const int AnonymityDisallowed = 433;

    /// <summary>436 Bad Identity-Info.</summary>
    public const int BadIdentityInfo = 436;

    /// <summary>437 Unsupported Certificate.</summary>
    public const int UnsupportedCertificate = 437;

    /// <summary>438 Invalid Identity Header.</summary>
    public const int InvalidIdentityHeader = 438;

    /// <summary>439 First Hop Lacks Outbound Support.</summary>
    public const int FirstHopLacksOutboundSupport = 439;

    /// <summary>440 Max-Breadth Exceeded.</summary>
    public const int MaxBreadthExceeded = 440;

    /// <summary>469 Bad Info Package.</summary>
    public const int BadInfoPackage = 469;

    /// <summary>470 Consent Needed.</summary>
    public const int ConsentNeeded = 470;

    /// <summary>480 Temporarily Unavailable.</summary>
    public const int TemporarilyUnavailable = 480;

    /// <summary>481 Call/Transaction Does Not Exist.</summary>
    public const int CallOrTransactionDoesNotExist = 481;

    /// <summary>482 Loop Detected.</summary>
    public const int LoopDetected = 482;

    /// <summary>483 Too Many Hops.</summary>
    public const int TooManyHops = 483;

    /// <summary>484 Address Incomplete.</summary>
    public const int AddressIncomplete = 484;

    /// <summary>485 Ambiguous.</summary>
    public const int Ambiguous = 485;

    /// <summary>486 Busy Here.</summary>
    public const int BusyHere = 486;

    /// <summary>487 Request Terminated.</summary>
    public const int RequestTerminated = 487;

    /// <summary>488 Not Acceptable Here.</summary>
    public const int NotAcceptableHere = 488;

    /// <summary>489 Bad Event.</summary>
    public const int BadEvent = 489;

    /// <summary>491 Request Pending.</summary>
    public const int RequestPending = 491;

    /// <summary>493 Undecipherable.</summary>
    public const int Undecipherable = 493;

    /// <summary>494 Security Agreement Required.</summary>
    public const int SecurityAgreementRequired = 494;

    /// <summary>500 Server Internal Error.</summary>
    public const int ServerInternalError = 500;

    /// <summary>501 Not Implemented.</summary>
    public const int NotImplemented = 501;

    /// <summary>502 Bad Gateway.</summary>
    public const int BadGateway = 502;

    /// <summary>503 Service Unavailable.</summary>
    public const int ServiceUnavailable = 503;

    /// <summary>504 Server Time-out.</summary>
    public const int ServerTimeout = 504;

    /// <summary>505 Version Not Supported.</summary>
    public const int VersionNotSupported = 505;

    /// <summary>513 Message Too Large.</summary>
    public const int MessageTooLarge = 513;

    /// <summary>555 Push Notification Service Not Supported.</summary>
    public const int PushNotificationServiceNotSupported = 555;

    /// <summary>580 Precondition Failure.</summary>
    public const int PreconditionFailure = 580;

    /// <summary>600 Busy Everywhere.</summary>
    public const int BusyEverywhere = 600;

    /// <summary>603 Decline.</summary>
    public const int Decline = 603;

    /// <summary>604 Does Not Exist Anywhere.</summary>
    public const int DoesNotExistAnywhere = 604;

    /// <summary>606 Not Acceptable.</summary>
    public const int NotAcceptableAnywhere = 606;

    /// <summary>607 Unwanted.</summary>
    public const int Unwanted = 607;

    /// <summary>608 Rejected.</summary>
    public const int Rejected = 608;

    /// <summary>The default reason phrase for a code; for unknown codes, the phrase of its class (RFC 3261 §21: x00).</summary>
    public static string GetReasonPhrase(int statusCode) => statusCode switch
    {
        Trying => "Trying",
        Ringing => "Ringing",
        CallIsBeingForwarded => "Call Is Being Forwarded",
        Queued => "Queued",
        SessionProgress => "Session Progress",
        EarlyDialogTerminated => "Early Dialog Terminated",
        OK => "OK",
        Accepted => "Accepted",
        NoNotification => "No Notification",
        MultipleChoices => "Multiple Choices",
        MovedPermanently => "Moved Permanently",
        MovedTemporarily => "Moved Temporarily",
        UseProxy => "Use Proxy",
        AlternativeService => "Alternative Service",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        PaymentRequired => "Payment Required",
        Forbidden => "Forbidden",
        NotFound => "Not Found",
        MethodNotAllowed => "Method Not Allowed",
        NotAcceptable => "Not Acceptable",
        ProxyAuthenticationRequired => "Proxy Authentication Required",
        RequestTimeout => "Request Timeout",
        Gone => "Gone",
        ConditionalRequestFailed => "Conditional Request Failed",
        RequestEntityTooLarge => "Request Entity Too Large",
        RequestUriTooLong => "Request-URI Too Long",
        UnsupportedMediaType => "Unsupported Media Type",
        UnsupportedURIScheme => "Unsupported URI Scheme",
        UnknownResourcePriority => "Unknown Resource-Priority",
        BadExtension => "Bad Extension",
        ExtensionRequired => "Extension Required",
        SessionIntervalTooSmall => "Session Interval Too Small",
        IntervalTooBrief => "Interval Too Brief",
        UseIdentityHeader => "Use Identity Header",
        ProvideReferrerIdentity => "Provide Referrer Identity",
        AnonymityDisallowed => "Anonymity Disallowed",
        BadIdentityInfo => "Bad Identity-Info",
        UnsupportedCertificate => "Unsupported Certificate",
        InvalidIdentityHeader => "Invalid Identity Header",
        FirstHopLacksOutboundSupport => "First Hop Lacks Outbound Support",
        MaxBreadthExceeded => "Max-Breadth Exceeded",
        BadInfoPackage => "Bad Info Package",
        ConsentNeeded => "Consent Needed",
        TemporarilyUnavailable => "Temporarily Unavailable",
        CallOrTransactionDoesNotExist => "Call/Transaction Does Not Exist",
        LoopDetected => "Loop Detected",
        TooManyHops => "Too Many Hops",
        AddressIncomplete => "Address Incomplete",
        Ambiguous => "Ambiguous",
        BusyHere => "Busy Here",
        RequestTerminated => "Request Terminated",
        NotAcceptableHere => "Not Acceptable Here",
        BadEvent => "Bad Event",
        RequestPending => "Request Pending",
        Undecipherable => "Undecipherable",
        SecurityAgreementRequired => "Security Agreement Required",
        ServerInternalError => "Server Internal Error",
        NotImplemented => "Not Implemented",
        BadGateway => "Bad Gateway",
        ServiceUnavailable => "Service Unavailable",
        ServerTimeout => "Server Time-out",
        VersionNotSupported => "Version Not Supported",
        MessageTooLarge => "Message Too Large",
        PushNotificationServiceNotSupported => "Push Notification Service Not Supported",
        PreconditionFailure => "Precondition Failure",
        BusyEverywhere => "Busy Everywhere",
        Decline => "Decline",
        DoesNotExistAnywhere => "Does Not Exist Anywhere",
        NotAcceptableAnywhere => "Not Acceptable",
        Unwanted => "Unwanted",
        Rejected => "Rejected",
        >= 100 and < 200 => "Provisional",
        >= 200 and < 300 => "Success",
        >= 300 and < 400 => "Redirection",
        >= 400 and < 500 => "Client Error",
        >= 500 and < 600 => "Server Error",
        >= 600 and < 700 => "Global Failure",
        _ => "Unknown",
    };

    /// <summary>True for 1xx.</summary>
    public static bool IsProvisional(int statusCode) => statusCode is >= 100 and < 200;

    /// <summary>True for 2xx to 6xx.</summary>
    public static bool IsFinal(int statusCode) => statusCode is >= 200 and < 700;

    /// <summary>True for 2xx.</summary>
    public static bool IsSuccess(int statusCode) => statusCode is >= 200 and < 300;
}

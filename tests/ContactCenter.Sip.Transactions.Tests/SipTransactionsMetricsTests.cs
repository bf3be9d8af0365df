using System.Diagnostics.Metrics;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transactions.Tests;

public sealed class SipTransactionsMetricsTests
{
    [Fact]
    public async Task Udp_NoResponse_CountsCreatedRetransmissionsTimeoutAndActive()
    {
        using var stack = new TestStack();
        using var recorder = new MeasurementRecorder(stack.MeterFactory);
        await stack.StartClientAsync(SipMethod.Options);
        var activeWhileRunning = recorder.Sum("sip.transactions.active");

        stack.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(1, recorder.Sum("sip.transactions.created"));
        Assert.Equal(1, activeWhileRunning);
        Assert.Equal(10, recorder.Sum("sip.transactions.retransmissions"));
        Assert.Equal(1, recorder.Sum("sip.transactions.timeouts"));
        Assert.Equal(0, recorder.Sum("sip.transactions.active"));
    }

    [Fact]
    public async Task StrayResponse_Counted()
    {
        using var stack = new TestStack();
        using var recorder = new MeasurementRecorder(stack.MeterFactory);

        await stack.DeliverAsync(TestStack.Response(stack.OutgoingRequest(SipMethod.Options), 200));

        Assert.Equal(1, recorder.Sum("sip.transactions.stray_responses"));
    }

    /// <summary>Sums the measurements of the meter made by one factory (tests run in parallel).</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _sums = [];

        public MeasurementRecorder(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SipTransactionsMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_sums)
                {
                    _sums[instrument.Name] = _sums.GetValueOrDefault(instrument.Name) + value;
                }
            });
            _listener.Start();
        }

        public long Sum(string instrument)
        {
            lock (_sums)
            {
                return _sums.GetValueOrDefault(instrument);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

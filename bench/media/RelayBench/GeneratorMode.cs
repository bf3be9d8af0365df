using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ContactCenter.Media.Srtp;

namespace RelayBench;

/// <summary>
/// Two fake phones per call. Each sends 50 packets/s of 160-byte G.711 (PT 0) to its relay port, the packet's
/// index in the first 4 payload bytes; each counts what arrives from the far phone. After a warm-up (latching;
/// rtpengine learns endpoints after 3 s) the next SECONDS of packets are measured: loss = 1 - measured received / measured sent, and the
/// RFC 3550 §6.4.1 jitter of each stream at its receiver minus the same jitter of its send times at the sender.
/// Calls are spread over four 5 ms phases of the 20 ms period, as independent phones would be. A line with keys makes
/// the call's first phone speak SRTP (its key, the relay's key): it protects what it sends and counts only what authenticates.
/// </summary>
internal static class GeneratorMode
{
        private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(string portsFile, int seconds, int warmupSeconds)
    {
        int warmup = warmupSeconds * 50;
        TimeProvider time = TimeProvider.System;
        int measured = seconds * 50;
        int total = warmup + measured;
        var phones = new List<Phone>();
        foreach (string line in await File.ReadAllLinesAsync(portsFile))
        {
            string[] ports = line.Split(' ');
            var a = new Phone(new IPEndPoint(IPAddress.Loopback, int.Parse(ports[0])), phones.Count / 2, warmup, total, time,
                ports.Length == 4 ? Session(ports[2], ports[3]) : null);
            var b = new Phone(new IPEndPoint(IPAddress.Loopback, int.Parse(ports[1])), phones.Count / 2, warmup, total, time);
            phones.Add(a);
            phones.Add(b);
        }

        using var stop = new CancellationTokenSource();
        Task[] receivers = [.. phones.Select(p => p.ReceiveLoopAsync(stop.Token))];
        long start = time.GetTimestamp();
        using (var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5), time))
        {
            bool done = false;
            while (!done && await timer.WaitForNextTickAsync())
            {
                TimeSpan elapsed = time.GetElapsedTime(start);
                done = true;
                foreach (Phone phone in phones)
                {
                    done &= phone.SendDue(elapsed);
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1), time);
        await stop.CancelAsync();
        await Task.WhenAll(receivers);

        long sent = (long)phones.Count * measured;
        long received = phones.Sum(p => p.MeasuredReceived);
        double[] added = [.. Enumerable.Range(0, phones.Count).Select(i => phones[i].ReceiveJitterMs - phones[i ^ 1].SendJitterMs).Order()];
        double[] receiveJitter = [.. phones.Select(p => p.ReceiveJitterMs).Order()];
        Console.WriteLine(
            $"streams {phones.Count} measured_sent {sent} measured_received {received} loss_pct {100.0 * (sent - received) / sent:F4} " +
            $"added_jitter_ms_p50 {Percentile(added, 0.50):F3} added_jitter_ms_p99 {Percentile(added, 0.99):F3} " +
            $"receive_jitter_ms_p99 {Percentile(receiveJitter, 0.99):F3} send_jitter_ms_p99 {Percentile([.. phones.Select(p => p.SendJitterMs).Order()], 0.99):F3}");
        foreach (Phone phone in phones)
        {
            phone.Dispose();
        }

        return 0;
    }

    private static SrtpSession Session(string phoneKey, string relayKey)
    {
        SrtpSuite suite = SrtpSuite.AesCm128HmacSha1x80;
        if (!SrtpMasterKey.TryCreate(suite, Convert.FromBase64String(phoneKey), out SrtpMasterKey? local)
            || !SrtpMasterKey.TryCreate(suite, Convert.FromBase64String(relayKey), out SrtpMasterKey? remote))
        {
            throw new InvalidDataException("bad SRTP key in the ports file");
        }

        return new SrtpSession(local, remote);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Phone : IDisposable
    {
        private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _relay;
        private readonly TimeSpan _phase;
        private readonly int _warmup;
        private readonly int _total;
        private readonly TimeProvider _time;
        private readonly byte[] _packet = new byte[12 + 160];
        private readonly byte[] _protected = new byte[12 + 160 + 10];
        private readonly SrtpSession? _srtp;
        private readonly Jitter _sendJitter = new();
        private readonly Jitter _receiveJitter = new();
        private int _sent;
        private long _measuredReceived;

        public Phone(IPEndPoint relay, int call, int warmup, int total, TimeProvider time, SrtpSession? srtp = null)
        {
            _relay = relay;
            _srtp = srtp;
            _phase = TimeSpan.FromMilliseconds(5 * (call % 4));
            _warmup = warmup;
            _total = total;
            _time = time;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _socket.ReceiveBufferSize = 1 << 20;
            _packet[0] = 0x80;
            BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(8), (uint)call + 1);
            _packet.AsSpan(12).Fill(0xFF);
        }

        public long MeasuredReceived => Interlocked.Read(ref _measuredReceived);

        public double SendJitterMs => _sendJitter.Value / 8.0;

        public double ReceiveJitterMs => _receiveJitter.Value / 8.0;

        /// <summary>Sends the packets due by <paramref name="elapsed"/>; true when all are sent.</summary>
        public bool SendDue(TimeSpan elapsed)
        {
            while (_sent < _total && elapsed >= _phase + (Period * _sent))
            {
                BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), (ushort)_sent);
                BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), (uint)(_sent * 160));
                BinaryPrimitives.WriteInt32BigEndian(_packet.AsSpan(12), _sent);
                if (_sent >= _warmup)
                {
                    _sendJitter.Update((uint)(_sent * 160), Now());
                }

                if (_srtp is null)
                {
                    _socket.SendTo(_packet, _relay);
                }
                else
                {
                    _packet.CopyTo(_protected, 0);
                    _srtp.ProtectRtp(_protected, _packet.Length, out int length);
                    _socket.SendTo(_protected.AsSpan(0, length), SocketFlags.None, _relay);
                }

                _sent++;
            }

            return _sent >= _total;
        }

        public async Task ReceiveLoopAsync(CancellationToken cancellationToken)
        {
            byte[] buffer = new byte[2048];
            var from = new SocketAddress(AddressFamily.InterNetwork);
            while (true)
            {
                int length;
                try
                {
                    length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, from, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (_srtp is not null && _srtp.UnprotectRtp(buffer.AsSpan(0, length), out length) != SrtpResult.Ok)
                {
                    continue; // counted only when it authenticates
                }

                if (length < 16)
                {
                    continue;
                }

                int index = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(12));
                if (index >= _warmup && index < _total)
                {
                    Interlocked.Increment(ref _measuredReceived);
                    _receiveJitter.Update(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4)), Now());
                }
            }
        }

        public void Dispose()
        {
            _socket.Dispose();
            _srtp?.Dispose();
        }

        private double Now() => (double)_time.GetTimestamp() * 8_000 / _time.TimestampFrequency;
    }

    /// <summary>RFC 3550 A.8 inter-arrival jitter in timestamp units (8 kHz).</summary>
    private sealed class Jitter
    {
        private bool _started;
        private double _lastArrival;
        private uint _lastTimestamp;

        public double Value { get; private set; }

        public void Update(uint timestamp, double arrival)
        {
            if (_started)
            {
                double d = Math.Abs(arrival - _lastArrival - (int)(timestamp - _lastTimestamp));
                Value += (d - Value) / 16;
            }

            _lastArrival = arrival;
            _lastTimestamp = timestamp;
            _started = true;
        }
    }
}

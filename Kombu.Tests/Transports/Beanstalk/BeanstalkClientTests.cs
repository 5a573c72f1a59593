using Kombu.Transport.Beanstalk;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>Every command of the protocol client against a real beanstalkd.</summary>
public sealed class BeanstalkClientTests
{
    private BeanstalkClient _client = null!;
    private string _tube = "";

    [SetUp]
    public async Task Connect()
    {
        BeanstalkBroker.Require();
        _client = await BeanstalkClient.ConnectAsync(BeanstalkBroker.Host, BeanstalkBroker.Port);
        _tube = "bc-" + Guid.NewGuid().ToString("N")[..12];
    }

    [TearDown]
    public void Close() => _client.Dispose();

    [Test]
    public async Task PutReserveDelete_RoundTrip_ReturnsBodyAndEmptiesTube()
    {
        Assert.That(await _client.UseAsync(_tube), Is.EqualTo(_tube));
        var id = await _client.PutAsync("hello"u8.ToArray(), 1024, timeToRun: TimeSpan.FromSeconds(60));
        Assert.That(await _client.WatchAsync(_tube), Is.EqualTo(2));
        Assert.That(await _client.IgnoreAsync("default"), Is.EqualTo(1));

        var job = (await _client.ReserveAsync(TimeSpan.FromSeconds(1)))!;
        await _client.DeleteAsync(job.Id);

        Assert.That((job.Id, job.Body), Is.EqualTo((id, "hello"u8.ToArray())));
        Assert.That(await _client.ReserveAsync(TimeSpan.Zero), Is.Null);
    }

    [Test]
    public async Task ReleaseBuryKick_Async_MoveJobBetweenStates()
    {
        await _client.UseAsync(_tube);
        await _client.WatchAsync(_tube);
        var id = await _client.PutAsync("j"u8.ToArray(), 5);
        var job = (await _client.ReserveAsync(TimeSpan.Zero))!;
        await _client.ReleaseAsync(job.Id, 3);
        Assert.That((await _client.StatsJobAsync(id))["pri"], Is.EqualTo("3"));
        job = (await _client.ReserveAsync(TimeSpan.Zero))!;
        await _client.BuryAsync(job.Id);
        Assert.That((await _client.StatsTubeAsync(_tube))["current-jobs-buried"], Is.EqualTo("1"));

        Assert.That(await _client.KickAsync(10), Is.EqualTo(1));
        Assert.That((await _client.StatsTubeAsync(_tube))["current-jobs-ready"], Is.EqualTo("1"));
        Assert.That(await _client.ListTubesAsync(), Does.Contain(_tube));
        await _client.DeleteAsync(id);
    }

    [Test]
    public void StatsTube_MissingTube_ThrowsNotFound() =>
        Assert.That(async () => await _client.StatsTubeAsync(_tube), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("NOT_FOUND"));

    [Test]
    public async Task Use_InvalidCharacter_ThrowsBadFormatAndStaysConnected()
    {
        Assert.That(async () => await _client.UseAsync("celery@host"), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("BAD_FORMAT"));
        Assert.That(await _client.ListTubesAsync(), Does.Contain("default"));
    }
}

using Kombu.Transport.Beanstalk;

namespace Kombu.Tests.Transports.Beanstalk;

/// <summary>Every command of the protocol client against a real beanstalkd.</summary>
public sealed class BeanstalkClientTests
{
    private BeanstalkClient _client = null!;
    private string _tube = "";

    [SetUp]
    public void Connect()
    {
        BeanstalkBroker.Require();
        _client = BeanstalkClient.Connect(BeanstalkBroker.Host, BeanstalkBroker.Port);
        _tube = "bc-" + Guid.NewGuid().ToString("N")[..12];
    }

    [TearDown]
    public void Close() => _client.Dispose();

    [Test]
    public void PutReserveDelete_RoundTrip_ReturnsBodyAndEmptiesTube()
    {
        Assert.That(_client.Use(_tube), Is.EqualTo(_tube));
        var id = _client.Put("hello"u8.ToArray(), 1024, timeToRun: TimeSpan.FromSeconds(60));
        Assert.That(_client.Watch(_tube), Is.EqualTo(2));
        Assert.That(_client.Ignore("default"), Is.EqualTo(1));

        var job = _client.Reserve(TimeSpan.FromSeconds(1))!;
        _client.Delete(job.Id);

        Assert.That((job.Id, job.Body), Is.EqualTo((id, "hello"u8.ToArray())));
        Assert.That(_client.Reserve(TimeSpan.Zero), Is.Null);
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
        Assert.That(() => _client.StatsTube(_tube), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("NOT_FOUND"));

    [Test]
    public void Use_InvalidCharacter_ThrowsBadFormatAndStaysConnected()
    {
        Assert.That(() => _client.Use("celery@host"), Throws.TypeOf<BeanstalkCommandException>().With.Property("Status").EqualTo("BAD_FORMAT"));
        Assert.That(_client.ListTubes(), Does.Contain("default"));
    }
}

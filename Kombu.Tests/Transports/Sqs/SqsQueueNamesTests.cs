using Kombu.Transport.Sqs;

namespace Kombu.Tests.Transports.Sqs;

[Category("Unit")]
public sealed class SqsQueueNamesTests
{
    [TestCase("celery", "celery")]
    [TestCase("celery@host.celery.pidbox", "celery_host-celery-pidbox")]
    [TestCase("myapp.tasks.fifo", "myapp-tasks.fifo")]
    [TestCase("a:b/c#d", "a_b_c_d")]
    [TestCase("celeryev.1234-ab", "celeryev-1234-ab")]
    public void EntityName_MatchesKombu(string name, string expected) =>
        Assert.That(SqsQueueNames.EntityName(name), Is.EqualTo(expected));

    [Test]
    public void Canonical_MangledPrefix() =>
        Assert.That(SqsQueueNames.Canonical("dev.", "q"), Is.EqualTo("dev-q"));
}

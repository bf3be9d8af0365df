using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class QueuedCallbackConfiguration : IEntityTypeConfiguration<QueuedCallback>
{
    public void Configure(EntityTypeBuilder<QueuedCallback> builder)
    {
        builder.ToTable("queued_callbacks");
        builder.Property(c => c.Queue).HasMaxLength(100);
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.Property(c => c.Outcome).HasMaxLength(32);
        builder.HasIndex(c => c.Outcome);
    }
}

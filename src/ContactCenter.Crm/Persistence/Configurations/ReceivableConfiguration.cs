using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class ReceivableConfiguration : IEntityTypeConfiguration<Receivable>
{
    public void Configure(EntityTypeBuilder<Receivable> builder)
    {
        builder.HasIndex(r => new { r.ClientId, r.DocumentNumber }).IsUnique();
        builder.Property(r => r.ExternalId).HasMaxLength(64);
        builder.HasIndex(r => r.ExternalId).IsUnique();
    }
}

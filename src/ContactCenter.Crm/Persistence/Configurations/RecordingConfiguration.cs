using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class RecordingConfiguration : IEntityTypeConfiguration<Recording>
{
    public void Configure(EntityTypeBuilder<Recording> builder)
    {
        builder.ToTable("recordings");
        builder.HasKey(r => r.CallId);
        builder.Property(r => r.Path).HasMaxLength(1000);
        builder.HasIndex(r => r.RecordedAt);
        builder.HasOne<CallRecord>().WithOne().HasForeignKey<Recording>(r => r.CallId).OnDelete(DeleteBehavior.Cascade);
    }
}

using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class SummarizedCallDayConfiguration : IEntityTypeConfiguration<SummarizedCallDay>
{
    public void Configure(EntityTypeBuilder<SummarizedCallDay> builder)
    {
        builder.ToTable("summarized_call_days");
        builder.HasKey(e => e.Day);
        builder.Property(e => e.Thresholds).HasMaxLength(200);
    }
}

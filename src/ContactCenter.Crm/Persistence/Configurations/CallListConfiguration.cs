using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class CallListConfiguration : IEntityTypeConfiguration<CallList>
{
    public void Configure(EntityTypeBuilder<CallList> builder)
    {
        builder.Property(l => l.Purpose).HasMaxLength(32);
        builder.Property(l => l.Instructions).HasMaxLength(4000);
        builder.Property(l => l.OperatorIds).HasColumnType("uuid[]");
        builder.Property(l => l.Queue).HasMaxLength(64);
        builder.HasIndex(l => l.Queue).IsUnique(); // one voicemail list per queue
        builder.HasOne<Staff>().WithMany().HasForeignKey(l => l.CreatedByStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(l => l.Tasks).WithOne().HasForeignKey(t => t.CallListId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(l => l.Questions).WithOne().HasForeignKey(q => q.CallListId).OnDelete(DeleteBehavior.Cascade);
    }
}

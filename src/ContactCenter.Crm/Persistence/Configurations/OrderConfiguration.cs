using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).UseIdentityAlwaysColumn();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.ClientId, o.CreatedAt });
        builder.HasIndex(o => o.CallId);
        // Reports: accepted orders by period.
        builder.HasIndex(o => o.AcceptedAt);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.ShippingDetails).HasMaxLength(2000);
        builder.HasOne(o => o.Client).WithMany().HasForeignKey(o => o.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Staff>().WithMany().HasForeignKey(o => o.TakenByStaffId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.UpsellOffers).WithOne().HasForeignKey(u => u.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Promotions).WithOne().HasForeignKey(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

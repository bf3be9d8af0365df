using ContactCenter.Crm.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ContactCenter.Crm.Persistence.Configurations;

internal sealed class UpsellOfferConfiguration : IEntityTypeConfiguration<UpsellOffer>
{
    public void Configure(EntityTypeBuilder<UpsellOffer> builder)
    {
        builder.HasIndex(u => new { u.OrderId, u.ProductId }).IsUnique();
        builder.HasOne<Product>().WithMany().HasForeignKey(u => u.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}

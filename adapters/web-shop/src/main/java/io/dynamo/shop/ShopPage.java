package io.dynamo.shop;

import io.dynamo.cart.ShoppingCart;
import java.util.Map;

/** The one HTML page: the catalog with add buttons, then the cart with quantity, update and remove per line. */
final class ShopPage {
    private ShopPage() {
    }

    static String render(ShoppingCart cart) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Dynamo shop</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("td,th{padding:.3em .8em;border-bottom:1px solid #ccc;text-align:left}</style></head><body>")
                .append("<h1>Dynamo shop</h1><h2>Products</h2><table id=\"products\">");
        for (Product p : Catalog.PRODUCTS) {
            html.append("<tr><td>").append(escape(p.name())).append("</td><td>").append(euros(p.priceCents()))
                    .append("</td><td><form method=\"post\" action=\"/cart/add\">").append(hidden(p.sku()))
                    .append("<button type=\"submit\" id=\"add-").append(escape(p.sku())).append("\">Add to cart</button>")
                    .append("</form></td></tr>");
        }
        html.append("</table><h2>Cart</h2>");
        if (cart.isEmpty()) {
            html.append("<p id=\"empty-cart\">Your cart is empty.</p>");
        } else {
            cartTable(html, cart.items());
        }
        return html.append("</body></html>").toString();
    }

    private static void cartTable(StringBuilder html, Map<String, Integer> items) {
        html.append("<table id=\"cart\"><tr><th>Product</th><th>Quantity</th><th></th></tr>");
        int total = 0;
        for (Map.Entry<String, Integer> line : items.entrySet()) {
            String sku = escape(line.getKey());
            Product product = Catalog.find(line.getKey()).orElse(new Product(line.getKey(), line.getKey(), 0));
            total += product.priceCents() * line.getValue();
            html.append("<tr class=\"line\" data-sku=\"").append(sku).append("\"><td>").append(escape(product.name()))
                    .append("</td><td><form method=\"post\" action=\"/cart/quantity\">").append(hidden(line.getKey()))
                    .append("<input type=\"number\" min=\"0\" name=\"quantity\" id=\"quantity-").append(sku)
                    .append("\" value=\"").append(line.getValue()).append("\">")
                    .append("<button type=\"submit\" id=\"update-").append(sku).append("\">Update</button></form></td>")
                    .append("<td><form method=\"post\" action=\"/cart/remove\">").append(hidden(line.getKey()))
                    .append("<button type=\"submit\" id=\"remove-").append(sku).append("\">Remove</button></form></td></tr>");
        }
        html.append("<tr><th>Total</th><th id=\"total\">").append(euros(total)).append("</th><th></th></tr></table>");
    }

    private static String hidden(String sku) {
        return "<input type=\"hidden\" name=\"sku\" value=\"" + escape(sku) + "\">";
    }

    private static String euros(int cents) {
        return String.format(java.util.Locale.ROOT, "&euro;%d.%02d", cents / 100, cents % 100);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

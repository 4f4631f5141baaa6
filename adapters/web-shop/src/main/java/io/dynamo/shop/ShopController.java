package io.dynamo.shop;

import io.dynamo.cart.CartStore;
import jakarta.servlet.http.HttpSession;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/** The shop page and its three cart actions; each action redirects back to the page (post/redirect/get). */
@Controller
class ShopController {
    /** The session attribute holding the id of the visitor's cart in the {@link CartStore}. */
    static final String CART_ID = "cartId";

    private final CartStore carts;

    ShopController(CartStore carts) {
        this.carts = carts;
    }

    @GetMapping(value = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String page(HttpSession session) {
        return ShopPage.render(carts.view(cartId(session)));
    }

    @PostMapping("/cart/add")
    String add(HttpSession session, @RequestParam("sku") String sku) {
        carts.add(cartId(session), known(sku), 1);
        return "redirect:/";
    }

    @PostMapping("/cart/remove")
    String remove(HttpSession session, @RequestParam("sku") String sku) {
        carts.remove(cartId(session), known(sku));
        return "redirect:/";
    }

    @PostMapping("/cart/quantity")
    String quantity(HttpSession session, @RequestParam("sku") String sku, @RequestParam("quantity") int quantity) {
        if (quantity < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "quantity must not be negative, got " + quantity);
        }
        carts.setQuantity(cartId(session), known(sku), quantity);
        return "redirect:/";
    }

    private static String known(String sku) {
        return Catalog.find(sku).map(Product::sku)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "no product '" + sku + "'"));
    }

    /** The session's cart id, made on first use: the cart outlives a change of session id. */
    static String cartId(HttpSession session) {
        Object id = session.getAttribute(CART_ID);
        if (id instanceof String s) {
            return s;
        }
        String fresh = UUID.randomUUID().toString();
        session.setAttribute(CART_ID, fresh);
        return fresh;
    }
}
